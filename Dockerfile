FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
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
CMD ["sh", "-c", "switchboard db upgrade && switchboard serve --host 0.0.0.0 --port 8080"]
