"""onegrid:code_grids — grid codes in the DB11 (15-digit) or CJ/T 349 (20-digit) scheme.

Thin: the adapter reads the layers, :func:`onegrid.processing.analysis.codes.code_grids`
numbers, the adapter writes the sink.
"""
import datetime

import numpy as np
import pandas as pd
from qgis.core import (QgsField, QgsFields, QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterEnum, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)
from qgis.PyQt.QtCore import QVariant

from ...i18n import tr
from ..adapter import frame_to_sink, parameter_frame
from ..analysis import codes
from ..analysis.change import grids_at
from ..analysis.crs import align_crs, to_metric
from ..analysis.errors import N_, OneGridError
from .base import OneGridAlgorithm

#: Key field holding each grid's previous code while numbering (never written out).
_KEY = "_onegrid_previous_code"


def _text(values):
    return np.array(["" if pd.isna(v) else str(v).strip() for v in values], dtype=object)


class CodeGrids(OneGridAlgorithm):
    NAME = "code_grids"
    GROUP = "grids"
    DISPLAY = "Code grids"
    HELP = (
        "Gives every grid a code. SCHEME DB11 (Beijing DB11/T 2157-2023): 15 digits = the "
        "community's 12-digit code (6 district GB/T 2260 + 3 street + 3 community) + a "
        "3-digit sequence. SCHEME CJT349 (CJ/T 349-2010): 20 digits = OBJECT_CODE (6 digits) "
        "+ the community's 12-digit code + a 2-digit sequence. Grids that span communities "
        "(when COMMUNITIES is given: more than one community holds at least 5 % of the grid's "
        "area) are numbered from 601 in DB11 (ordinary grids 001-600) and, as 601 cannot fit "
        "two digits, from 60 in CJT349 (ordinary grids 01-59). Within each community grids "
        "are numbered north to south, west to east: rows are bands as high as the median "
        "grid height, counted from the northernmost grid. Stable renumbering: with "
        "PREVIOUS_CODE_FIELD (the field holding the current codes), a grid keeps its code "
        "when the code is well formed for the scheme and its community and its geometry did "
        "not change (within TOLERANCE metres) since that code was given; on a versioned layer "
        "(valid_from/valid_to) the rows closed before today hold the geometry each code had, "
        "so a grid edited through the OneGrid panel gets a new code and every other grid "
        "keeps its own. New and changed grids take the next free numbers of their community; "
        "a code a retired grid had is never given again. Output: the grids with all their "
        "fields, grid_code (the new code) and code_changed. SCHEME accepts an index or a "
        "name (DB11, CJT349, 15, 20).")

    GRIDS = "GRIDS"
    COMMUNITIES = "COMMUNITIES"
    COMMUNITY_FIELD = "COMMUNITY_FIELD"
    COMMUNITY_CODE_FIELD = "COMMUNITY_CODE_FIELD"
    SCHEME = "SCHEME"
    OBJECT_CODE = "OBJECT_CODE"
    PREVIOUS_CODE_FIELD = "PREVIOUS_CODE_FIELD"
    TOLERANCE = "TOLERANCE"
    OUTPUT = "OUTPUT"
    CHANGED = "CHANGED"
    KEPT = "KEPT"
    ENUM_OPTIONS = {SCHEME: codes.SCHEME_NAMES}

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS's name)
        normalised = dict(parameters)
        for definition in self.parameterDefinitions():  # QGIS 3.22 checks absent fields
            if normalised.get(definition.name()) is None and definition.defaultValue():
                normalised[definition.name()] = definition.defaultValue()
        value = parameters.get(self.SCHEME)
        if value is not None:
            try:  # also the aliases "15" and "20"
                normalised[self.SCHEME] = codes.scheme_name(value)
            except OneGridError:
                pass
        return super().checkParameterValues(normalised, context)

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.GRIDS, tr("Grids"), [QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.COMMUNITIES, tr("Communities (to find grids that span communities)"),
            [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.COMMUNITY_FIELD, tr("Grid field holding the community code (12 digits)"),
            defaultValue="community_code", parentLayerParameterName=self.GRIDS,
            optional=True))  # optional so qgis_process takes the default
        self.addParameter(QgsProcessingParameterField(
            self.COMMUNITY_CODE_FIELD, tr("Community code field of the communities"),
            defaultValue="code", parentLayerParameterName=self.COMMUNITIES, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.SCHEME, tr("Coding scheme"), options=list(codes.SCHEME_NAMES),
            defaultValue=0))
        self.addParameter(QgsProcessingParameterString(
            self.OBJECT_CODE, tr("Managed-object code (6 digits, CJT349 only)"),
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.PREVIOUS_CODE_FIELD, tr("Field holding the current codes (keeps unchanged "
                                         "grids' codes)"),
            parentLayerParameterName=self.GRIDS, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.TOLERANCE, tr("Geometry tolerance (metres)"),
            QgsProcessingParameterNumber.Double, defaultValue=0.5, minValue=0.0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Coded grids"), QgsProcessing.TypeVectorPolygon))
        self.addOutput(QgsProcessingOutputNumber(self.CHANGED, tr("Grids whose code changed")))
        self.addOutput(QgsProcessingOutputNumber(self.KEPT, tr("Grids that kept their code")))

    def execute(self, parameters, context, feedback):
        try:
            scheme = codes.scheme_name(self.enum_value(parameters, self.SCHEME))
        except OneGridError:  # the aliases "15" and "20"
            scheme = codes.scheme_name(parameters.get(self.SCHEME))
        community_field = (self.parameterAsString(parameters, self.COMMUNITY_FIELD, context)
                           or "community_code")
        community_code_field = (self.parameterAsString(parameters, self.COMMUNITY_CODE_FIELD,
                                                       context) or "code")
        object_code = self.parameterAsString(parameters, self.OBJECT_CODE, context) or None
        previous_field = self.parameterAsString(parameters, self.PREVIOUS_CODE_FIELD,
                                                context) or None
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        grids = parameter_frame(self, parameters, self.GRIDS, context, feedback,
                                required_fields=(community_field, previous_field))
        layer = grids.attrs["layer_name"]
        metric, epsg = to_metric(grids, layer)

        active = np.ones(len(grids), dtype=bool)
        if "valid_to" in grids.columns:
            active = grids.index.isin(grids_at(grids, datetime.date.today()).index)
        work = metric[active].copy()
        work.attrs["layer_name"] = layer

        spanning = None
        if parameters.get(self.COMMUNITIES) is not None:
            communities = parameter_frame(self, parameters, self.COMMUNITIES, context,
                                          feedback, required_fields=(community_code_field,))
            communities = align_crs(metric.crs, communities,
                                    communities.attrs.get("layer_name"))
            spanning = codes.spanning_grids(work, communities, community_code_field)
            known = set(_text(communities[community_code_field]))
            unknown = work.index[~np.isin(_text(work[community_field]), list(known))]
            if len(unknown):
                feedback.pushWarning(tr("{count} grids of {layer} name a community code that "
                                        "is not in {communities} (feature ids {ids})").format(
                    count=len(unknown), layer=layer,
                    communities=communities.attrs.get("layer_name"),
                    ids=", ".join(str(i) for i in unknown[:20])))
            if spanning.any():
                feedback.pushInfo(tr("{count} grids span communities (feature ids {ids}); "
                                     "they are numbered in the spanning range").format(
                    count=int(spanning.sum()),
                    ids=", ".join(str(i) for i in work.index[spanning][:20])))

        previous = None
        id_field = None
        old = _text(grids[previous_field]) if previous_field else None
        if previous_field:
            keyed = metric.assign(**{_KEY: old})
            keyed = keyed[keyed[_KEY] != ""]
            # The geometry a code was given with: its closed row (the latest) when the layer
            # is versioned, else the row holding it now.
            keyed = keyed.assign(_closed=~keyed.index.isin(work.index))
            if "valid_to" in keyed.columns:
                keyed = keyed.assign(_to=pd.to_datetime(keyed["valid_to"].astype(object),
                                                        errors="coerce"))
                keyed = keyed.sort_values(["_closed", "_to"], ascending=False,
                                          na_position="last", kind="stable")
            else:
                keyed = keyed.sort_values("_closed", ascending=False, kind="stable")
            previous = keyed.drop_duplicates(_KEY, keep="first")
            previous = previous.assign(grid_code=previous[_KEY])
            work[_KEY] = old[active]
            id_field = _KEY
        try:
            new = codes.code_grids(
                work, community_field, scheme, previous=previous, id_field=id_field,
                object_code=object_code, spanning=spanning, tolerance=tolerance,
                progress=lambda f: feedback.setProgress(90 * f),
                is_canceled=feedback.isCanceled)
        except OneGridError as err:
            raise OneGridError(N_("Layer {layer}: {message}"), layer=layer,
                               message=err.translated(tr)) from err

        before = old if old is not None else (
            _text(grids["grid_code"]) if "grid_code" in grids.columns
            else np.full(len(grids), "", dtype=object))
        out = grids.copy()
        out["grid_code"] = before
        out.loc[active, "grid_code"] = new.to_numpy(dtype=object)
        changed = np.zeros(len(out), dtype=bool)
        changed[active] = new.to_numpy(dtype=object) != before[active]
        out["code_changed"] = changed
        source = self.parameterAsSource(parameters, self.GRIDS, context)
        fields = QgsFields(source.fields())
        if fields.lookupField("grid_code") < 0:
            fields.append(QgsField("grid_code", QVariant.String))
        fields.append(QgsField("code_changed", QVariant.Bool))
        kept = int(active.sum() - changed.sum())
        feedback.pushInfo(tr("{changed} of {total} grids got a new {scheme} code, {kept} kept "
                             "theirs; {closed} closed versions left as they were "
                             "(measured in EPSG:{epsg})").format(
            changed=int(changed.sum()), total=int(active.sum()), scheme=scheme, kept=kept,
            closed=int((~active).sum()), epsg=epsg))
        return {
            self.OUTPUT: frame_to_sink(self, parameters, self.OUTPUT, context, out,
                                       fields=fields),
            self.CHANGED: int(changed.sum()),
            self.KEPT: kept,
        }
