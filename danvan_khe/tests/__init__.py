from . import test_registration_sheet
from . import test_registration_sheet_fuzz
from . import test_registration
