# Production image: gunicorn + whitenoise. Used by docker-compose.yml.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml ./
RUN pip install --upgrade pip && pip install -e .

COPY . .
# Build-time settings only: collect static files and compile the Japanese catalogue.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz \
        python manage.py collectstatic --noinput \
    && DJANGO_DEBUG=1 python manage.py compile_translations

RUN useradd --system --uid 1000 portal && mkdir -p /app/media && chown portal /app/media
USER portal

EXPOSE 8000
# Workers, threads and time-outs: gunicorn.conf.py (WEB_CONCURRENCY, GUNICORN_THREADS).
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
