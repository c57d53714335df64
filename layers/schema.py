"""The workspace schema, written once, as code.

Every layer of a OneGrid workspace is a :class:`LayerSpec`: an ASCII snake_case table name, a
geometry type, English and Chinese titles, and its fields. A :class:`FieldSpec` carries its type,
English and Chinese aliases, whether it is required, whether it holds personal data (masked by
default) and, for coded fields, its value map. GeoPackage and PostGIS workspaces, the QGIS
forms (aliases, drop-downs), the styles and the import validation are all built from here.

This module is pure Python (no qgis), so the analysis core may use it too.

The schema version is stored in the workspace's ``schema_version`` table; migrations in
:mod:`onegrid.layers.migrations` upgrade an older workspace in place.
"""
from dataclasses import dataclass

#: Version of the schema this code writes. Bump it together with a step in migrations.py.
#: 1: first release. 2: edit tracking (updated_at, updated_by) on every governance layer and
#: the event_history table of the closed event loop. 3: row_version on every governance layer
#: (optimistic locking of multi-user PostGIS workspaces; a saved row must carry the version
#: it was read with).
SCHEMA_VERSION = 3

#: Field types and their meaning: text, int (64-bit), real (double), date (ISO date),
#: datetime (ISO date-time, stored UTC), bool (0/1).
FIELD_TYPES = ("text", "int", "real", "date", "datetime", "bool")


@dataclass(frozen=True)
class Value:
    """One entry of a value map: the stored ASCII code and its labels."""

    code: str
    en: str
    zh: str


@dataclass(frozen=True)
class FieldSpec:
    """One attribute field."""

    name: str
    type: str
    en: str
    zh: str
    required: bool = False
    values: tuple = ()
    personal: bool = False
    default: object = None

    def __post_init__(self):
        if self.type not in FIELD_TYPES:
            raise ValueError(f"field {self.name}: unknown type {self.type!r}")
        if not self.name.isascii() or self.name.lower() != self.name or " " in self.name:
            raise ValueError(f"field {self.name}: names are ASCII snake_case")

    @property
    def codes(self):
        """The allowed stored values of a coded field (empty for a free field)."""
        return tuple(v.code for v in self.values)


@dataclass(frozen=True)
class LayerSpec:
    """One layer (or table, when ``geometry`` is None) of the workspace."""

    name: str
    geometry: object
    en: str
    zh: str
    fields: tuple
    label_field: object = None
    #: The KIND under which import_table loads rows into this layer, if any.
    kind: object = None

    def field(self, name):
        """The field called ``name``; KeyError if the layer has none."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"layer {self.name} has no field {name}")

    @property
    def field_names(self):
        return tuple(f.name for f in self.fields)

    @property
    def required_fields(self):
        return tuple(f.name for f in self.fields if f.required)


def _values(*triples):
    return tuple(Value(*t) for t in triples)


# --- Value maps -----------------------------------------------------------------------------
GRID_TYPES = _values(
    ("base", "Base grid", "综治网格"),
    ("police", "Police grid", "警格"),
    ("safety", "Work-safety grid", "安格"),
    ("traffic", "Traffic grid", "交格"),
    ("environment", "Environment & water grid", "环水格"),
    ("market", "Market-supervision grid", "市监格"),
    ("sanitation", "Sanitation grid", "洁格"),
    ("fire", "Fire grid", "消防格"),
    ("urban", "Urban-management grid", "城管格"),
    ("health", "Health grid", "卫健格"),
    ("party", "Party-building grid", "党建网格"),
)
PROFESSIONAL_GRID_TYPES = tuple(v for v in GRID_TYPES if v.code != "base")
STAFF_ROLES = _values(
    ("leader", "Grid leader", "网格长"),
    ("full_time", "Full-time grid worker", "专职网格员"),
    ("part_time", "Part-time grid worker", "兼职网格员"),
    ("police", "Grid police officer", "网格民警"),
    ("instructor", "Grid instructor", "网格指导员"),
)
BUILDING_USES = _values(
    ("residential", "Residential", "住宅"),
    ("commercial", "Commercial", "商业"),
    ("mixed", "Mixed residential/commercial", "商住混合"),
    ("industrial", "Industrial", "工业"),
    ("public", "Public building", "公共建筑"),
    ("rental", "Rental housing", "出租屋"),
    ("other", "Other", "其他"),
)
LAND_USES = _values(
    ("residential", "Residential", "居住用地"),
    ("commercial", "Commercial", "商业用地"),
    ("industrial", "Industrial", "工业用地"),
    ("public", "Public services", "公共服务用地"),
    ("green", "Green space", "绿地"),
    ("road", "Road", "道路用地"),
    ("other", "Other", "其他"),
)
GENDERS = _values(("male", "Male", "男"), ("female", "Female", "女"))
RELATIONS = _values(
    ("head", "Head of household", "户主"),
    ("spouse", "Spouse", "配偶"),
    ("child", "Child", "子女"),
    ("parent", "Parent", "父母"),
    ("grandchild", "Grandchild", "孙子女"),
    ("tenant", "Tenant", "租户"),
    ("other", "Other", "其他"),
)
RESIDENCE_TYPES = _values(
    ("registered", "Registered resident", "户籍人口"),
    ("floating", "Floating population", "流动人口"),
    ("foreign", "Foreign resident", "境外人员"),
)
ORG_TYPES = _values(
    ("enterprise", "Enterprise", "企业"),
    ("shop", "Shop", "商铺"),
    ("school", "School", "学校"),
    ("hospital", "Hospital", "医院"),
    ("three_small", "Small shop/eatery/workshop", "三小场所"),
    ("government", "Government office", "机关单位"),
    ("social", "Social organisation", "社会组织"),
    ("other", "Other", "其他"),
)
FIRE_GRADES = _values(
    ("key", "Key fire-safety unit", "消防安全重点单位"),
    ("general", "General unit", "一般单位"),
    ("minor", "Minor unit", "九小场所"),
    ("none", "Not graded", "未定级"),
)
EVENT_TYPES = _values(
    ("public_security", "Public security", "治安隐患"),
    ("dispute", "Dispute", "矛盾纠纷"),
    ("environment", "Environment & sanitation", "环境卫生"),
    ("fire_hazard", "Fire hazard", "消防隐患"),
    ("traffic", "Traffic", "交通问题"),
    ("facility", "Damaged facility", "设施损坏"),
    ("petition", "Petition", "信访诉求"),
    ("other", "Other", "其他"),
)
EVENT_SOURCES = _values(
    ("grid_worker", "Grid worker", "网格员上报"),
    ("video", "Video patrol", "视频发现"),
    ("hotline", "12345 hotline", "12345热线"),
    ("superior", "Assigned by superiors", "上级交办"),
    ("public", "Reported by the public", "群众反映"),
)
EVENT_STATUSES = _values(
    ("reported", "Reported", "已上报"),
    ("filed", "Filed", "已立案"),
    ("dispatched", "Dispatched", "已派单"),
    ("handling", "Being handled", "处置中"),
    ("verification", "Awaiting verification", "待核查"),
    ("closed", "Closed", "已结案"),
)
THING_TYPES = _values(
    ("hydrant", "Fire hydrant", "消火栓"),
    ("manhole", "Manhole cover", "井盖"),
    ("street_light", "Street light", "路灯"),
    ("waste_bin", "Waste bin", "垃圾箱"),
    ("bus_stop", "Bus stop", "公交站"),
    ("sign", "Sign", "标识牌"),
    ("bench", "Bench", "座椅"),
    ("other", "Other", "其他"),
)
THING_STATUSES = _values(
    ("normal", "Normal", "完好"),
    ("damaged", "Damaged", "损坏"),
    ("missing", "Missing", "丢失"),
    ("occupied", "Occupied", "被占用"),
)
CAMERA_TYPES = _values(
    ("bullet", "Fixed bullet", "枪机"),
    ("dome", "Fixed dome", "半球"),
    ("ptz", "PTZ dome (360°)", "球机"),
)
FACILITY_CATEGORIES = _values(
    ("education", "Education", "教育"),
    ("medical", "Medical", "医疗"),
    ("elderly", "Elderly care", "养老"),
    ("commerce", "Commerce", "商业"),
    ("culture_sport", "Culture & sport", "文体"),
    ("other", "Other (X)", "其他"),
)


# --- Fields used by many layers --------------------------------------------------------------
def _synthetic():
    return FieldSpec("synthetic", "bool", "Synthetic record", "模拟数据", default=0)


def _valid_from():
    return FieldSpec("valid_from", "date", "Valid from", "生效日期")


def _valid_to():
    return FieldSpec("valid_to", "date", "Valid to", "失效日期")


def _grid_code(required=False):
    return FieldSpec("grid_code", "text", "Base grid code", "所属网格编码", required=required)


def _address():
    return FieldSpec("address", "text", "Standard address", "标准地址")


def _phone(required=False):
    return FieldSpec("phone", "text", "Phone", "联系电话", required=required, personal=True)


def _building_code():
    return FieldSpec("building_code", "text", "Building code", "楼栋编码")


def _remark():
    return FieldSpec("remark", "text", "Remark", "备注")


# --- Layers ----------------------------------------------------------------------------------
COMMUNITIES = LayerSpec(
    "communities", "MultiPolygon", "Communities", "社区",
    (
        FieldSpec("code", "text", "Community code", "社区编码", required=True),
        FieldSpec("name", "text", "Community name", "社区名称", required=True),
        FieldSpec("street_code", "text", "Street code", "街道编码"),
        FieldSpec("street_name", "text", "Street (subdistrict)", "街道"),
        FieldSpec("admin_code", "text", "District code (GB/T 2260)", "区县行政区划代码"),
        FieldSpec("district_name", "text", "District", "区县"),
        FieldSpec("police_office", "text", "Police office", "警务室"),
        _valid_from(), _valid_to(), _synthetic(), _remark(),
    ),
    label_field="name",
)
BASE_GRIDS = LayerSpec(
    "base_grids", "MultiPolygon", "Base grids", "基础网格",
    (
        FieldSpec("grid_code", "text", "Grid code", "网格编码", required=True),
        FieldSpec("name", "text", "Grid name", "网格名称"),
        FieldSpec("grid_type", "text", "Grid type", "网格类型", values=GRID_TYPES[:1],
                  default="base"),
        FieldSpec("community_code", "text", "Community code", "所属社区编码", required=True),
        FieldSpec("target_households", "int", "Target households", "目标户数", default=300),
        _valid_from(), _valid_to(), _synthetic(), _remark(),
    ),
    label_field="name",
)
PROFESSIONAL_GRIDS = LayerSpec(
    "professional_grids", "MultiPolygon", "Professional grids", "专业网格",
    (
        FieldSpec("grid_code", "text", "Grid code", "网格编码", required=True),
        FieldSpec("name", "text", "Grid name", "网格名称"),
        FieldSpec("grid_type", "text", "Grid type", "网格类型", required=True,
                  values=PROFESSIONAL_GRID_TYPES),
        FieldSpec("department", "text", "Department", "主管部门"),
        FieldSpec("community_code", "text", "Community code", "所属社区编码"),
        _valid_from(), _valid_to(), _synthetic(), _remark(),
    ),
    label_field="name",
)
GRID_STAFF = LayerSpec(
    "grid_staff", None, "Grid staff", "网格人员",
    (
        FieldSpec("staff_name", "text", "Name", "姓名", required=True),
        FieldSpec("role", "text", "Role", "职责", required=True, values=STAFF_ROLES),
        FieldSpec("grid_code", "text", "Grid code", "网格编码", required=True),
        _phone(),
        FieldSpec("start_date", "date", "Start date", "到岗日期"),
        FieldSpec("end_date", "date", "End date", "离岗日期"),
        _synthetic(),
    ),
    kind="grid_staff",
)
PARCELS = LayerSpec(
    "parcels", "MultiPolygon", "Land parcels", "宗地",
    (
        FieldSpec("parcel_code", "text", "Parcel code", "宗地编码", required=True),
        FieldSpec("land_use", "text", "Land use", "用地性质", values=LAND_USES),
        FieldSpec("owner", "text", "Owner / user", "权利人"),
        FieldSpec("area_m2", "real", "Area (m²)", "面积（平方米）"),
        _synthetic(),
    ),
    label_field="parcel_code",
)
BUILDINGS = LayerSpec(
    "buildings", "MultiPolygon", "Buildings", "楼栋",
    (
        FieldSpec("building_code", "text", "Building code", "楼栋编码", required=True),
        FieldSpec("osm_id", "text", "OSM id", "OSM 编号"),
        FieldSpec("name", "text", "Name", "名称"),
        FieldSpec("district", "text", "District", "区县"),
        FieldSpec("street", "text", "Street (subdistrict)", "街道"),
        FieldSpec("road", "text", "Road", "路/街"),
        FieldSpec("house_number", "text", "House number", "门牌号"),
        FieldSpec("building_no", "text", "Building number", "栋/幢号"),
        _address(),
        FieldSpec("levels", "int", "Floors", "层数"),
        FieldSpec("use", "text", "Use", "用途", values=BUILDING_USES),
        FieldSpec("units", "int", "Units (entrances)", "单元数"),
        FieldSpec("floor_area_m2", "real", "Floor area (m²)", "建筑面积（平方米）"),
        FieldSpec("households", "int", "Households", "户数"),
        FieldSpec("parcel_code", "text", "Parcel code", "宗地编码"),
        _grid_code(), _synthetic(),
    ),
    label_field="house_number",
)
HOUSEHOLDS = LayerSpec(
    "households", "Point", "Households / rooms", "房屋/住户",
    (
        FieldSpec("household_code", "text", "Household code", "住户编码", required=True),
        _building_code(),
        FieldSpec("unit_no", "text", "Unit", "单元"),
        FieldSpec("floor", "int", "Floor", "楼层"),
        FieldSpec("room_no", "text", "Room", "室"),
        _address(),
        FieldSpec("is_rental", "bool", "Rental", "出租屋", default=0),
        FieldSpec("members", "int", "Members", "人数"),
        _grid_code(), _synthetic(),
    ),
    kind="households",
)
PEOPLE = LayerSpec(
    "people", "Point", "People", "实有人口",
    (
        FieldSpec("person_code", "text", "Person code", "人员编码"),
        FieldSpec("name", "text", "Name", "姓名", required=True),
        FieldSpec("id_number", "text", "ID number", "公民身份号码", personal=True),
        _phone(),
        FieldSpec("gender", "text", "Gender", "性别", values=GENDERS),
        FieldSpec("birth_date", "date", "Birth date", "出生日期"),
        FieldSpec("household_code", "text", "Household code", "住户编码"),
        FieldSpec("relation", "text", "Relation to head", "与户主关系", values=RELATIONS),
        FieldSpec("residence_type", "text", "Residence type", "人口类型",
                  values=RESIDENCE_TYPES),
        FieldSpec("special_groups", "text", "Special groups", "特殊人群"),
        _building_code(), _address(), _grid_code(), _synthetic(),
    ),
    kind="people",
)
ORGANIZATIONS = LayerSpec(
    "organizations", "Point", "Organisations", "实有单位",
    (
        FieldSpec("org_code", "text", "Organisation code", "单位编码"),
        FieldSpec("name", "text", "Name", "单位名称", required=True),
        FieldSpec("org_type", "text", "Type", "单位类型", values=ORG_TYPES),
        FieldSpec("fire_grade", "text", "Fire-safety grade", "消防监管等级", values=FIRE_GRADES,
                  default="none"),
        FieldSpec("responsible_person", "text", "Responsible person", "负责人"),
        _phone(), _address(), _building_code(), _grid_code(), _synthetic(),
    ),
    label_field="name",
    kind="organizations",
)
EVENTS = LayerSpec(
    "events", "Point", "Events", "事件",
    (
        FieldSpec("event_code", "text", "Event code", "事件编号", required=True),
        FieldSpec("event_type", "text", "Event type", "事件类型", required=True,
                  values=EVENT_TYPES),
        FieldSpec("source", "text", "Source", "来源", values=EVENT_SOURCES),
        FieldSpec("status", "text", "Status", "状态", required=True, values=EVENT_STATUSES,
                  default="reported"),
        FieldSpec("description", "text", "Description", "事件描述"),
        FieldSpec("reporter", "text", "Reporter", "上报人"),
        FieldSpec("reported_at", "datetime", "Reported at (UTC)", "上报时间", required=True),
        FieldSpec("deadline", "datetime", "Deadline (UTC)", "办结时限"),
        FieldSpec("closed_at", "datetime", "Closed at (UTC)", "结案时间"),
        FieldSpec("responsible_unit", "text", "Responsible unit", "责任单位"),
        FieldSpec("verify_failures", "int", "Failed verifications", "核查未通过次数",
                  default=0),
        FieldSpec("escalated", "bool", "Escalated", "已督办", default=0),
        _address(), _grid_code(), _synthetic(),
    ),
    kind="events",
)
THINGS = LayerSpec(
    "things", "Point", "City components", "部件",
    (
        FieldSpec("thing_code", "text", "Component code", "部件编码"),
        FieldSpec("thing_type", "text", "Component type", "部件类型", required=True,
                  values=THING_TYPES),
        FieldSpec("status", "text", "Status", "状态", values=THING_STATUSES, default="normal"),
        FieldSpec("name", "text", "Name", "名称"),
        _grid_code(), _synthetic(),
    ),
    kind="things",
)
CAMERAS = LayerSpec(
    "cameras", "Point", "Cameras", "视频监控",
    (
        FieldSpec("camera_code", "text", "Camera code", "点位编码", required=True),
        FieldSpec("name", "text", "Name", "点位名称"),
        FieldSpec("camera_type", "text", "Camera type", "摄像机类型", values=CAMERA_TYPES,
                  default="bullet"),
        FieldSpec("height_m", "real", "Mounting height (m)", "安装高度（米）"),
        FieldSpec("azimuth_deg", "real", "Azimuth (degrees from north)", "朝向（度，正北为0）"),
        FieldSpec("fov_deg", "real", "Horizontal field of view (degrees)", "水平视场角（度）"),
        FieldSpec("range_m", "real", "Range (m)", "有效距离（米）"),
        FieldSpec("lens_mm", "real", "Lens focal length (mm)", "镜头焦距（毫米）"),
        FieldSpec("resolution_mp", "real", "Resolution (megapixels)", "分辨率（百万像素）"),
        FieldSpec("online", "bool", "Online", "在线", default=1),
        _grid_code(), _synthetic(),
    ),
    label_field="camera_code",
    kind="cameras",
)
PATROL_POINTS = LayerSpec(
    "patrol_points", "Point", "Patrol GPS points", "巡查轨迹点",
    (
        FieldSpec("device_id", "text", "Device id", "设备编号", required=True),
        FieldSpec("recorded_at", "datetime", "Recorded at (UTC)", "定位时间", required=True),
        FieldSpec("speed_mps", "real", "Speed (m/s)", "速度（米/秒）"),
        FieldSpec("accuracy_m", "real", "Accuracy (m)", "定位精度（米）"),
        _synthetic(),
    ),
    kind="patrol_points",
)
FACILITIES = LayerSpec(
    "facilities", "Point", "Facilities (1+5+X)", "公共服务设施",
    (
        FieldSpec("facility_code", "text", "Facility code", "设施编码"),
        FieldSpec("name", "text", "Name", "名称"),
        FieldSpec("category", "text", "Category", "类别", required=True,
                  values=FACILITY_CATEGORIES),
        FieldSpec("subcategory", "text", "Subcategory", "细类"),
        FieldSpec("osm_id", "text", "OSM id", "OSM 编号"),
        _address(),
        FieldSpec("capacity", "int", "Capacity", "容量"),
        _synthetic(),
    ),
    label_field="name",
    kind="facilities",
)
ROADS = LayerSpec(
    "roads", "MultiLineString", "Roads and paths", "道路",
    (
        FieldSpec("osm_id", "text", "OSM id", "OSM 编号"),
        FieldSpec("name", "text", "Name", "道路名称"),
        FieldSpec("highway", "text", "OSM highway class", "道路等级"),
        FieldSpec("walkable", "bool", "Walkable", "可步行", default=1),
        FieldSpec("oneway", "bool", "One-way for vehicles", "单行", default=0),
        _synthetic(),
    ),
    label_field="name",
)
REJECTED_ROWS = LayerSpec(
    "rejected_rows", None, "Rejected rows", "导入被拒记录",
    (
        FieldSpec("source_file", "text", "Source file", "来源文件", required=True),
        FieldSpec("row_number", "int", "Row number", "行号", required=True),
        FieldSpec("kind", "text", "Kind", "数据类别"),
        FieldSpec("raw", "text", "Raw row (JSON)", "原始内容"),
        FieldSpec("reason_en", "text", "Reason", "原因（英文）", required=True),
        FieldSpec("reason_zh", "text", "Reason (Chinese)", "原因", required=True),
        FieldSpec("imported_at", "datetime", "Imported at (UTC)", "导入时间"),
    ),
)
SCHEMA_VERSION_TABLE = LayerSpec(
    "schema_version", None, "Schema version", "数据结构版本",
    (
        FieldSpec("version", "int", "Version", "版本", required=True),
        FieldSpec("applied_at", "datetime", "Applied at (UTC)", "升级时间"),
        FieldSpec("note", "text", "Note", "说明"),
    ),
)

EVENT_HISTORY = LayerSpec(
    "event_history", None, "Event history", "事件流转记录",
    (
        FieldSpec("event_code", "text", "Event code", "事件编号", required=True),
        FieldSpec("changed_at", "datetime", "Changed at (UTC)", "变更时间", required=True),
        FieldSpec("changed_by", "text", "Changed by", "操作人"),
        FieldSpec("from_status", "text", "From status", "原状态", values=EVENT_STATUSES),
        FieldSpec("to_status", "text", "To status", "新状态", required=True,
                  values=EVENT_STATUSES),
        FieldSpec("comment", "text", "Comment", "意见"),
    ),
)

#: Layers people edit; each carries who changed a row last and when (schema version 2).
_SYSTEM_TABLES = ("rejected_rows", "schema_version", "event_history")


def _with_edit_tracking(spec):
    if spec.name in _SYSTEM_TABLES:
        return spec
    extra = (FieldSpec("row_version", "int", "Row version", "数据版本号", default=1),
             FieldSpec("updated_at", "datetime", "Last edited (UTC)", "最后修改时间"),
             FieldSpec("updated_by", "text", "Last edited by", "最后修改人"))
    return LayerSpec(spec.name, spec.geometry, spec.en, spec.zh, spec.fields + extra,
                     spec.label_field, spec.kind)


(COMMUNITIES, PARCELS, BASE_GRIDS, PROFESSIONAL_GRIDS, BUILDINGS, ROADS, FACILITIES,
 ORGANIZATIONS, HOUSEHOLDS, PEOPLE, EVENTS, THINGS, CAMERAS, PATROL_POINTS, GRID_STAFF) = (
    _with_edit_tracking(spec) for spec in (
        COMMUNITIES, PARCELS, BASE_GRIDS, PROFESSIONAL_GRIDS, BUILDINGS, ROADS, FACILITIES,
        ORGANIZATIONS, HOUSEHOLDS, PEOPLE, EVENTS, THINGS, CAMERAS, PATROL_POINTS, GRID_STAFF))

#: All layers, in drawing order from bottom to top (tables last).
LAYERS = (
    COMMUNITIES, PARCELS, BASE_GRIDS, PROFESSIONAL_GRIDS, BUILDINGS, ROADS, FACILITIES,
    ORGANIZATIONS, HOUSEHOLDS, PEOPLE, EVENTS, THINGS, CAMERAS, PATROL_POINTS, GRID_STAFF,
    EVENT_HISTORY, REJECTED_ROWS, SCHEMA_VERSION_TABLE,
)
LAYERS_BY_NAME = {spec.name: spec for spec in LAYERS}
#: import_table's KIND option -> layer.
KINDS = {spec.kind: spec for spec in LAYERS if spec.kind}


def layer(name):
    """The :class:`LayerSpec` called ``name``; KeyError naming the known layers otherwise."""
    try:
        return LAYERS_BY_NAME[name]
    except KeyError:
        raise KeyError(f"no workspace layer {name!r}; known: {', '.join(LAYERS_BY_NAME)}") from None
