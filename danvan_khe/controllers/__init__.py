from . import xlsx_export
from . import dvk_public
