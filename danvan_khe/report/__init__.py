from . import registration_xlsx
