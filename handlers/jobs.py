"""Running a scheduled job from chat ("run batch-monitor"): operators and admins; its progress shows in the chat."""
from __future__ import annotations

from core.context import Context
from core.errors import NotAllowed, UserError
from core.replies import Reply, Text
from core.router import Router

router = Router("jobs")


@router.intent("run_job")
async def run_job(ctx: Context) -> Reply:
    jobs = ctx.services.jobs
    if jobs is None:
        raise UserError("Scheduled jobs cannot be started from chat on this deployment.")
    actor = ctx.require_actor()
    if not actor.has_role("operator", "admin"):
        raise NotAllowed("Only operators and admins can run jobs.")
    name = str(ctx.entities.get("job", ""))
    if not name:  # "job ta abar run korao": which one was not said
        raise UserError(f"Which job? Say \"run\" and its name: {', '.join(jobs.names()) or 'none'}.")
    address = ctx.turn.address
    await jobs.start(name, by=actor.name, watch=(address.channel, address.chat_id))
    ctx.detail["job"] = name
    return Text(f"Started {name}. I'll keep one message here up to date as it runs.")
