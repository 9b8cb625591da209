from . import controllers
from . import lib
from . import models
from . import report
from . import wizard
