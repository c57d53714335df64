"""Background work for the desktop panels (QgsTask): inputs gathered on the main thread, the
pure computation in run(), results handed back on the main thread in finished()."""
from qgis.core import QgsTask

from ..i18n import tr
from ..processing.analysis.errors import Canceled, OneGridError
from ..processing.analysis.topology import check_grids


class ValidateGridsTask(QgsTask):
    """Run :func:`check_grids` on frames read beforehand; ``on_done(problems, error)`` is
    called on the main thread with the problems GeoDataFrame (None when canceled or failed)
    and the translated error text (None on success or cancel).

    Parameters
    ----------
    grids : GeoDataFrame, the current base grids
    id_field : str
    on_done : callable(problems, error)
    **options : passed to check_grids (parents, buildings, household_field, min_households,
        max_households, ...)
    """

    def __init__(self, grids, id_field, on_done, **options):
        super().__init__(tr("Validating grids"), QgsTask.CanCancel)
        self.grids = grids
        self.id_field = id_field
        self.options = options
        self.on_done = on_done
        self.problems = None
        self.error = None

    def run(self):
        try:
            self.problems = check_grids(
                self.grids, self.id_field, progress=lambda f: self.setProgress(100.0 * f),
                is_canceled=self.isCanceled, **self.options)
        except Canceled:
            return False
        except OneGridError as err:
            self.error = err.translated(tr)
            return False
        return not self.isCanceled()

    def finished(self, result):
        self.on_done(self.problems if result else None, self.error)
