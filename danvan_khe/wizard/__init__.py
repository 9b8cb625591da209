from . import dvk_refuse_wizard
from . import dvk_registration_import_check
from . import dvk_registration_import
from . import dvk_registration_import_line
