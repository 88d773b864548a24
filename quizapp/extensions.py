"""Flask extension objects, created unbound; ``create_app`` binds them to an app."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from .models import Model

# Objects stay loaded after a commit: a view that commits and then renders does not read every
# row again (the session ends with the request, so nothing stale outlives it).
db = SQLAlchemy(model_class=Model, session_options={"expire_on_commit": False})
login_manager = LoginManager()
csrf = CSRFProtect()
# Batch mode: SQLite cannot ALTER most things, so Alembic copies the table instead.
migrate = Migrate(render_as_batch=True)
limiter = Limiter(key_func=get_remote_address)
