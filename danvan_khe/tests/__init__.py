from . import test_registration_sheet
from . import test_registration_sheet_fuzz
from . import test_registration
from . import test_evaluation
from . import test_reporting
from . import test_import
from . import test_reports
from . import test_tours
