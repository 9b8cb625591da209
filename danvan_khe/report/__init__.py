from . import registration_xlsx
from . import dvk_reports
from . import dvk_xlsx_export
from . import dvk_history_reports
