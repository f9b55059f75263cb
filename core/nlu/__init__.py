"""The message parser: rules, a classifier and the chain; its runtime modules run compiled when built."""
from core.nlu.native import enable

RUNS: str = enable(__path__)  # "compiled", or "interpreted: why" (`python -m core.nlu.build` compiles them)
