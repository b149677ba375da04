# Commands for the example apps, in one place. The docs pages include these
# sections and tests/examples/test_servers.py runs the same lines (on a free
# port instead of 8000), so what the pages show is what the tests run.
# Run them from the repository root. Not meant to be run as one script.

# --8<-- [start:install]
pip install --require-hashes -r requirements/examples.txt
# --8<-- [end:install]

# --8<-- [start:install-flask]
pip install "Flask==3.1.3" "gunicorn==27.0.1" "scikit-learn==1.9.1"
# --8<-- [end:install-flask]

# --8<-- [start:install-django]
pip install "Django==5.2.19" "gunicorn==27.0.1" "scikit-learn==1.9.1"
# --8<-- [end:install-django]

# --8<-- [start:install-fastapi]
pip install "fastapi==0.165.0" "uvicorn==0.55.0" "scikit-learn==1.9.1"
# --8<-- [end:install-fastapi]

# --8<-- [start:django-env]
# Django refuses to start without a secret key; make one for this shell.
export DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')"
# --8<-- [end:django-env]

# --8<-- [start:flask-dev]
flask --app examples.flask_app.app run --port 8000
# --8<-- [end:flask-dev]

# --8<-- [start:django-dev]
python -m django runserver --settings=examples.django_app.settings 127.0.0.1:8000
# --8<-- [end:django-dev]

# --8<-- [start:fastapi-dev]
uvicorn --port 8000 examples.fastapi_app.app:app
# --8<-- [end:fastapi-dev]

# --8<-- [start:flask]
gunicorn --worker-class gthread --workers 2 --threads 8 \
    --bind 127.0.0.1:8000 'examples.flask_app.app:create_app()'
# --8<-- [end:flask]

# --8<-- [start:django]
gunicorn --worker-class gthread --workers 2 --threads 8 \
    --bind 127.0.0.1:8000 examples.django_app.wsgi
# --8<-- [end:django]

# --8<-- [start:fastapi]
uvicorn --workers 2 --host 127.0.0.1 --port 8000 examples.fastapi_app.app:app
# --8<-- [end:fastapi]

# --8<-- [start:django-asgi]
uvicorn --workers 2 --host 127.0.0.1 --port 8000 examples.django_app.asgi:application
# --8<-- [end:django-asgi]

# --8<-- [start:django-production-env]
# In production, read the key from your secret store instead, so that it
# stays the same across restarts and on every machine.
export DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_ALLOWED_HOSTS="api.example.com"
# --8<-- [end:django-production-env]

# --8<-- [start:django-check-deploy]
python -m django check --deploy --settings=examples.django_app.settings
# --8<-- [end:django-check-deploy]

# --- The LLM chat recipe (examples/llm/, page docs/ai/llm-recipe.md) ---

# --8<-- [start:llm-env]
# Where the model server listens (for example `vllm serve` on port 8001), the
# model it serves, and the API keys your users send, as key:user pairs.
export LLM_BASE_URL="http://127.0.0.1:8001" LLM_MODEL="your-model-name"
export LLM_API_KEYS="change-this-key:alice"
# --8<-- [end:llm-env]

# --8<-- [start:llm-flask]
gunicorn --worker-class gthread --workers 2 --threads 32 \
    --bind 127.0.0.1:8000 'examples.llm.flask_chat:create_app()'
# --8<-- [end:llm-flask]

# --8<-- [start:llm-django]
uvicorn --workers 2 --host 127.0.0.1 --port 8000 examples.llm.django_asgi:application
# --8<-- [end:llm-django]

# --8<-- [start:llm-fastapi]
uvicorn --workers 2 --host 127.0.0.1 --port 8000 --factory examples.llm.fastapi_chat:create_app
# --8<-- [end:llm-fastapi]
