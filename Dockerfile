FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# charts and PDF reports draw ৳ and Bengali descriptions with Noto (without it: "BDT 1,200.00" and "?")
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-core \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY core core
COPY handlers handlers
COPY bots bots
COPY integrations integrations
COPY scheduler scheduler
COPY web web
COPY app app
COPY migrations migrations
COPY bench bench
COPY deploy deploy
RUN pip install --no-cache-dir . && useradd --create-home switchboard && mkdir -p data && chown switchboard data
USER switchboard
EXPOSE 8080
# docker-compose.yml sets its own checks per service (the worker has no HTTP); this one is for `docker run`
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s \
  CMD ["python", "deploy/healthcheck.py", "http://127.0.0.1:8080/healthz"]
CMD ["sh", "-c", "switchboard db upgrade && switchboard serve --host 0.0.0.0 --port 8080"]
