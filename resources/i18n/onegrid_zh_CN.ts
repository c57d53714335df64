<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>OneGrid</name>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="119" />
            <source> households</source>
            <translation> 户</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/plugin.py" line="60" />
            <location filename="../../grid_plugin/plugin.py" line="75" />
            <source>&amp;OneGrid</source>
            <translation>一张网(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="502" />
            <source>(no code)</source>
            <translation>（无编码）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="35" />
            <source>15-minute life circles (walking time to facilities)</source>
            <translation>15 分钟生活圈（到设施的步行时间）</translation>
        </message>
        <message>
            <location filename="../../layers/workspace.py" line="107" />
            <source>A workspace is a GeoPackage: {path} must end in .gpkg</source>
            <translation>工作空间是一个 GeoPackage 文件：{path} 的扩展名必须是 .gpkg</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/align_grids.py" line="20" />
            <source>Align professional grids to base grids</source>
            <translation>将专业网格对齐到基础网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/align_grids.py" line="48" />
            <source>Aligned professional grids</source>
            <translation>对齐后的专业网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/align_grids.py" line="56" />
            <source>Aligning {types} grid types to {count} base grids</source>
            <translation>正在将 {types} 类专业网格对齐到 {count} 个基础网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/align_grids.py" line="50" />
            <source>Alignment report</source>
            <translation>对齐报告</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="125" />
            <source>Allowed deviation from the target, as a fraction (0.2 = ±20%)</source>
            <translation>允许偏离目标户数的比例（0.2 = ±20%）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="678" />
            <source>An X field needs a Y field and a Y field an X field</source>
            <translation>X 列和 Y 列须同时指定：指定了 X 列就要指定 Y 列，反之亦然</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="56" />
            <source>Arc step of the range circle (degrees)</source>
            <translation>有效距离圆弧的步长（度）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="66" />
            <source>Area per person (m2)</source>
            <translation>人均面积（平方米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="60" />
            <source>Areas</source>
            <translation>等时圈划分方式</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="22" />
            <source>Assigns every origin (buildings or households with a population field) to its nearest emergency shelter by walking time along ROADS at SPEED (m/s), and flags origins that need more than MINUTES (default 10). OUTPUT: the origins with shelter (feature id), shelter_dist_m, shelter_time_min, within (reached within MINUTES) and shelter_reason when no shelter is reachable. SHELTERS_OUTPUT: the shelters with capacity_people, assigned_population, load (assigned over capacity) and overloaded. The capacity is CAPACITY_FIELD in people, or in m2 divided by AREA_PER_PERSON (m2 per person) when CAPACITY_UNIT is m2. Origins and shelters farther than SNAP_DISTANCE metres from any road are reported.</source>
            <translation>将每个起点（带人口字段的楼栋或住户）分配给沿路网 ROADS 按步行速度 SPEED（米/秒）步行时间最短的应急避难场所，并标记步行时间超过 MINUTES 分钟（默认 10 分钟）的起点。OUTPUT：各起点及其避难场所，字段为 shelter（避难场所的要素 ID）、shelter_dist_m、shelter_time_min、within（是否在 MINUTES 分钟内到达），无法到达任何避难场所时给出原因 shelter_reason。SHELTERS_OUTPUT：各避难场所，字段为 capacity_people（可容纳人数）、assigned_population（分配到的人口）、load（分配人口与容量之比）和 overloaded（是否超载）。容量取自 CAPACITY_FIELD：CAPACITY_UNIT 为 people 时单位为人；为 m2 时单位为平方米，再除以 AREA_PER_PERSON（人均平方米数）换算为人数。距任何道路超过 SNAP_DISTANCE 米的起点和避难场所会在日志中列出。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="66" />
            <source>Barriers (roads, rivers)</source>
            <translation>分隔线（道路、河流）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="29" />
            <source>Base grid id field</source>
            <translation>基础网格 ID 字段</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="107" />
            <location filename="../../processing/algorithms/divide_grids.py" line="76" />
            <location filename="../../processing/algorithms/merge_grids.py" line="27" />
            <source>Base grids</source>
            <translation>基础网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="98" />
            <source>Base grids (polygons)</source>
            <translation>基础网格（面）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="97" />
            <source>Blind road pieces</source>
            <translation>监控盲区路段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="62" />
            <source>Buffer on each side of the roads (m)</source>
            <translation>道路两侧缓冲宽度（米）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="113" />
            <location filename="../../processing/algorithms/check_grids.py" line="75" />
            <location filename="../../processing/algorithms/divide_grids.py" line="59" />
            <source>Buildings</source>
            <translation>楼栋</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="452" />
            <source>Buildings given to grid {code}: {count}</source>
            <translation>划入网格 {code} 的楼栋数：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="80" />
            <source>Buildings imported</source>
            <translation>已导入楼栋数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="79" />
            <source>Buildings outside every community</source>
            <translation>不在任何社区内的楼栋数</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/editing.py" line="182" />
            <source>Buildings {ids} are not in the layer</source>
            <translation>楼栋 {ids} 不在该图层中</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="78" />
            <source>CRS of the coordinates (EPSG:nnnn, WGS84, GCJ02 or BD09)</source>
            <translation>坐标所用的坐标参考系（EPSG:nnnn、WGS84、GCJ02 或 BD09）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="73" />
            <source>Camera coverage and blind spots</source>
            <translation>视频监控覆盖率与盲区</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="135" />
            <source>Camera viewsheds past buildings</source>
            <translation>视频监控视域（考虑楼栋遮挡）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="40" />
            <source>Cameras</source>
            <translation>视频监控</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="96" />
            <source>Cameras per target</source>
            <translation>各目标的监控覆盖数</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="155" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/base.py" line="113" />
            <source>Canceled by the user</source>
            <translation>已被用户取消</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="50" />
            <source>Candidate cameras (optional)</source>
            <translation>候选点位（可选）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="60" />
            <source>Candidate field of view (degrees)</source>
            <translation>候选点位视场角（度）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="64" />
            <source>Candidate range (m)</source>
            <translation>候选点位有效距离（米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="56" />
            <source>Candidate spacing along roads (m)</source>
            <translation>沿道路布设候选点位的间距（米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="147" />
            <source>Cannot create the output layer</source>
            <translation>无法创建输出图层</translation>
        </message>
        <message>
            <location filename="../../processing/adapter.py" line="165" />
            <source>Cannot create the output {name}</source>
            <translation>无法创建输出 {name}</translation>
        </message>
        <message>
            <location filename="../../layers/project.py" line="53" />
            <source>Cannot open layer {layer} of workspace {path}</source>
            <translation>无法打开工作空间 {path} 中的图层 {layer}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="215" />
            <source>Cannot open workspace {path}: {error}</source>
            <translation>无法打开工作空间 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../../layers/styles.py" line="507" />
            <source>Cannot store the default style of layer {layer} in {path}: {error}</source>
            <translation>无法将图层 {layer} 的默认样式保存到 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../../layers/workspace.py" line="116" />
            <source>Cannot write a workspace into the folder {folder}</source>
            <translation>无法在文件夹 {folder} 中写入工作空间，请确认该文件夹存在且有写入权限</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="60" />
            <source>Capacity field</source>
            <translation>容量字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="63" />
            <source>Capacity unit</source>
            <translation>容量单位</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="108" />
            <source>Categories expected (comma-separated)</source>
            <translation>应有的设施类别（逗号分隔）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/repair_grids.py" line="73" />
            <source>Changes</source>
            <translation>修改记录</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="19" />
            <source>Check grids</source>
            <translation>网格检查</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="118" />
            <source>Checking {count} grids</source>
            <translation>正在检查 {count} 个网格</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/editing.py" line="178" />
            <source>Choose the grid to give the buildings to</source>
            <translation>请选择楼栋要划入的网格</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="253" />
            <source>Choose the {what} layer first</source>
            <translation>请先选择{what}图层</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="146" />
            <source>Click or drag over buildings to give them to the target grid</source>
            <translation>单击或拖过楼栋，将其划入目标网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="35" />
            <source>Code grids</source>
            <translation>生成网格编码</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="109" />
            <source>Coded grids</source>
            <translation>已编码的网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="96" />
            <source>Coding scheme</source>
            <translation>编码方案</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="273" />
            <source>Column {column} of {file} has values but no header</source>
            <translation>{file} 的第 {column} 列有数据但没有表头，请补上列名</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="124" />
            <source>Columns ignored (no field of {layer} matches them): {columns}</source>
            <translation>以下列已忽略（与 {layer} 的字段均不对应）：{columns}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="329" />
            <source>Columns {first} and {second} of {file} both match the field {field_zh} ({field}); rename or remove one</source>
            <translation>{file} 的 {first} 列和 {second} 列都对应字段 {field_zh}（{field}），请重命名或删除其中一列</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="54" />
            <source>Communities</source>
            <translation>社区</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="69" />
            <location filename="../../processing/algorithms/repair_grids.py" line="57" />
            <source>Communities (parents)</source>
            <translation>社区（上级范围）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="101" />
            <source>Communities (polygons)</source>
            <translation>社区（面）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="86" />
            <source>Communities (to find grids that span communities)</source>
            <translation>社区（用于识别跨社区网格）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="56" />
            <source>Community code field</source>
            <translation>社区编码字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="93" />
            <source>Community code field of the communities</source>
            <translation>社区图层的社区编码字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="72" />
            <location filename="../../processing/algorithms/repair_grids.py" line="60" />
            <source>Community id field</source>
            <translation>社区 ID 字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="101" />
            <source>Community {code} of {layer} has no buildings: it is one grid of 0 households</source>
            <translation>{layer} 中的社区 {code} 没有楼栋，整个社区划为一个 0 户的网格</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="647" />
            <source>Community {code} would need {k} base grids; a community has at most 999</source>
            <translation>社区 {code} 需要划分 {k} 个基础网格，但一个社区最多只能有 999 个基础网格</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/codes.py" line="288" />
            <source>Community {community} has {count} grids to number but the {scheme} scheme allows {limit} ({first}-{last})</source>
            <translation>社区 {community} 有 {count} 个网格需要编号，但 {scheme} 编码方案最多只能编 {limit} 个（{first}-{last}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="25" />
            <source>Compares two versions of the grids: OLD_GRIDS and NEW_GRIDS, or one versioned GRIDS layer (valid_from / valid_to) read on DATE_FROM and on DATE_TO (a row is valid on a date when valid_from is empty or not after it and valid_to is empty or after it). ID_FIELD identifies a grid in both versions (default grid_code) and must be unique in each. OUTPUT: every building, household, person, organisation and open event (status not closed) whose grid changes, with kind, record_id (its code), from_grid and to_grid (empty outside every grid) and the point that decided (a building's representative point). Names, ID numbers and phones are never written. STAFFING: the grids of the new version without a grid leader (no_leader) or a full-time grid worker (no_full_time) in STAFF, and the staff whose grid is not in the new version (grid_retired). Staff with an end_date have left and are not counted.</source>
            <translation>比较两个版本的网格：OLD_GRIDS 和 NEW_GRIDS，或者一个带版本的 GRIDS 图层（valid_from / valid_to），分别按 DATE_FROM 和 DATE_TO 两个日期读取（某条记录在某日期有效，是指其 valid_from 为空或不晚于该日期，且 valid_to 为空或晚于该日期）。ID_FIELD 用于在两个版本中标识同一网格（默认为 grid_code），在每个版本中都必须唯一。OUTPUT：所属网格发生变化的每个楼栋、住户、实有人口、实有单位和未结事件（status 不为 closed），字段为 kind（记录类型）、record_id（记录编码）、from_grid 和 to_grid（不在任何网格内时为空），几何为据以判断归属的点（楼栋取其代表点）。姓名、公民身份号码和联系电话一律不写出。STAFFING：新版本中没有网格长（no_leader）或没有专职网格员（no_full_time）的网格（依据 STAFF 判断），以及所在网格已不在新版本中的网格人员（grid_retired）。填有 end_date 的人员已离岗，不计在内。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="153" />
            <source>Conflicts</source>
            <translation>冲突</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="155" />
            <source>Conflicts found</source>
            <translation>发现的冲突数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="63" />
            <source>Convert WGS84 / GCJ02 / BD09 coordinates</source>
            <translation>WGS84 / GCJ02 / BD09 坐标转换</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="89" />
            <source>Convert to</source>
            <translation>转换为</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="92" />
            <source>Converted</source>
            <translation>转换结果</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="133" />
            <source>Converting from {src} to {dst}</source>
            <translation>正在从 {src} 转换为 {dst}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="64" />
            <source>Converts a layer between WGS84 (GPS, OpenStreetMap, CGCS2000 to within centimetres), GCJ02 (Amap/Gaode, Tencent and other Chinese web maps: WGS84 with an offset of 100-700 m) and BD09 (Baidu maps). The offsets exist only in mainland China: features outside (an approximate outline of mainland China, excluding Hong Kong, Macao and Taiwan) are copied unchanged, and so are the vertices outside China of a feature that crosses the border. The reverse conversions are solved iteratively to well under a millimetre. The layer keeps its fields, geometry type and CRS; a layer in a projected CRS is converted through longitude and latitude. FROM and TO accept an index or a name (WGS84, GCJ02, BD09).</source>
            <translation>在 WGS84（GPS、OpenStreetMap 所用；与 CGCS2000 相差在厘米以内）、GCJ02（高德、腾讯等国内网络地图所用：在 WGS84 基础上偏移 100–700 米）和 BD09（百度地图所用）之间转换图层坐标。这些偏移只存在于中国大陆：位于中国大陆范围（按近似轮廓判断，不含香港、澳门和台湾）以外的要素原样复制；跨越边界的要素，其位于该范围以外的节点同样保持不变。反向转换通过迭代求解，误差远小于 1 毫米。图层的字段、几何类型和坐标参考系保持不变；投影坐标参考系下的图层先换算为经纬度再转换。FROM 和 TO 可填写序号或名称（WGS84、GCJ02、BD09）。</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="83" />
            <source>Coordinate {field} is empty but {other} is {value}</source>
            <translation>坐标 {field} 为空，但 {other} 为 {value}，两者须同时填写</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="84" />
            <source>Coordinate {field}: {value} is not a number</source>
            <translation>坐标 {field}：{value} 不是数字</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="86" />
            <source>Coordinates of the input</source>
            <translation>输入数据的坐标系</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="87" />
            <source>Coordinates x={x}, y={y} are outside the valid range of {crs}</source>
            <translation>坐标 x={x}, y={y} 超出了 {crs} 的有效范围</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="88" />
            <source>Coordinates x={x}, y={y} cannot be transformed from {crs} to {target}</source>
            <translation>坐标 x={x}, y={y} 无法从 {crs} 转换到 {target}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="95" />
            <source>Coverage per grid</source>
            <translation>各网格覆盖率</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="15" />
            <source>Create workspace</source>
            <translation>新建工作空间</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="16" />
            <source>Creates a new OneGrid workspace: a GeoPackage with every governance layer (communities, base and professional grids, staff, parcels, buildings, households, people, organisations, events, components, cameras, patrol points, facilities, roads, rejected rows), Chinese field names, drop-down value maps and default styles. CRS: the workspace's coordinate reference system (default CGCS2000, EPSG:4490); analyses project to metres themselves.</source>
            <translation>新建一个一张网工作空间：一个 GeoPackage 文件，包含全部网格化治理图层（社区、基础网格和专业网格、网格人员、宗地、楼栋、房屋/住户、实有人口、实有单位、事件、部件、视频监控、巡查轨迹点、公共服务设施、道路、导入被拒记录），并带有中文字段名、下拉取值映射和默认样式。CRS：工作空间的坐标参考系（默认为 CGCS2000，EPSG:4490）；各项分析会自行投影到以米为单位的坐标系，无需另行设置。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="45" />
            <source>Creating workspace {path}</source>
            <translation>正在创建工作空间 {path}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="72" />
            <source>Date of the new version</source>
            <translation>新版本日期</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="69" />
            <source>Date of the old version</source>
            <translation>旧版本日期</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="112" />
            <source>Deficient origins</source>
            <translation>未达标的起点</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="111" />
            <source>Deleted {count} rows imported from OpenStreetMap before from layer {layer}</source>
            <translation>已从图层 {layer} 删除此前从 OpenStreetMap 导入的 {count} 条记录</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="19" />
            <source>Divide communities into base grids</source>
            <translation>将社区划分为基础网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="20" />
            <source>Divides each community into base grids of about TARGET_HOUSEHOLDS households (default 300), each within TARGET_HOUSEHOLDS × (1 ± TOLERANCE) (default 0.2, i.e. 240-360) wherever the buildings allow it. The grids never cross a community boundary, never split a building, are one part each and together cover the community without gaps or overlaps; their boundaries follow the BARRIERS lines (roads, rivers) where they can. A building belongs to the community and the grid holding a point inside its footprint. A building with more households than the maximum becomes a grid of its own and is reported; a community without buildings becomes one grid of 0 households and is reported. Method: the buildings' Voronoi cells (from their outlines) give their neighbours; each community is cut by recursive bisection along sweeps in 12 directions, choosing among the balanced cuts the shortest one (a cut along a barrier counts a twentieth), then buildings on the boundary move from fuller to emptier neighbouring grids, keeping every grid in one piece, until all are within the tolerance or no move helps. Output fields: grid_code (community code + 3-digit sequence, north to south, west to east), community_code, households, deviation (households − target), within_tolerance and reason (ok, oversized_building, no_buildings, too_few_households, unbalanced). Layers in degrees are divided in a metric CRS; the grids are written in the communities' CRS.</source>
            <translation>将每个社区划分为约 TARGET_HOUSEHOLDS 户（默认 300 户）的基础网格，在楼栋分布允许的范围内，使每个网格的户数都在 TARGET_HOUSEHOLDS × (1 ± TOLERANCE) 之内（TOLERANCE 默认为 0.2，即 240-360 户）。网格不跨越社区边界、不拆分楼栋、每个网格都是一个整体，合在一起覆盖整个社区，既无缝隙也无重叠；网格边界尽可能沿 BARRIERS 线（道路、河流）划分。楼栋归属于包含其轮廓内某一点的社区和网格。户数超过上限的楼栋单独成为一个网格，并在日志中报告；没有楼栋的社区整体成为一个 0 户的网格，同样会报告。方法：由楼栋轮廓生成泰森多边形（Voronoi 单元），据此确定楼栋之间的相邻关系；每个社区沿 12 个方向扫描、递归二分，在户数均衡的切分中选取最短的一条（沿分隔线的切分长度只按二十分之一计）；随后把边界上的楼栋从户数较多的网格移到相邻的户数较少的网格，同时保证每个网格连成一片，直到所有网格都在容差范围内或再无可改进的移动为止。输出字段：grid_code（社区编码 + 3 位顺序号，自北向南、自西向东编排）、community_code、households、deviation（户数 − 目标户数）、within_tolerance 和 reason（ok、oversized_building、no_buildings、too_few_households、unbalanced）。以度为单位的图层在以米为单位的坐标参考系中划分；网格以社区图层的坐标参考系写出。</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="137" />
            <source>Draw a line across a grid with clicks; right-click or double-click to split it</source>
            <translation>单击绘制一条穿过网格的线；右键单击或双击即完成拆分</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/editing.py" line="53" />
            <source>Draw a line with at least two points to split a grid</source>
            <translation>请绘制至少包含两个点的线来拆分网格</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="166" />
            <source>Each painted building's Voronoi cell (the part of its grid nearer to it than to the other buildings) moves to the target grid; both grids get a new version</source>
            <translation>每个刷选楼栋的泰森多边形（所在网格中离该楼栋比离其他楼栋更近的部分）移入目标网格；两个网格都会生成新版本</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="21" />
            <source>Emergency shelter check</source>
            <translation>应急避难场所检查</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="112" />
            <source>Encoding of {file}: {encoding}</source>
            <translation>{file} 的字符编码：{encoding}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="88" />
            <source>Encoding used</source>
            <translation>所用字符编码</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="163" />
            <source>Enter the path of a workspace GeoPackage first</source>
            <translation>请先输入工作空间 GeoPackage 文件的路径</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="83" />
            <source>Events</source>
            <translation>事件</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="51" />
            <location filename="../../processing/algorithms/service_circles.py" line="84" />
            <source>Facilities</source>
            <translation>公共服务设施</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="81" />
            <source>Facilities imported</source>
            <translation>已导入公共服务设施数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="87" />
            <source>Facility category field</source>
            <translation>设施类别字段</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="201" />
            <source>Facility category {category} of {layer} is empty: no facility has {field} = {category}</source>
            <translation>{layer} 中设施类别 {category} 为空：没有 {field} = {category} 的设施</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="113" />
            <source>Features</source>
            <translation>要素数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="94" />
            <source>Features inside China (converted)</source>
            <translation>中国大陆范围内的要素数（已转换）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="96" />
            <source>Features outside China or without geometry (unchanged)</source>
            <translation>中国大陆范围外或无几何的要素数（未改变）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="512" />
            <source>Fewer than {low:.0f} households</source>
            <translation>少于 {low:.0f} 户</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="85" />
            <source>Fewest households per grid</source>
            <translation>每个网格的最少户数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="102" />
            <source>Field holding the current codes (keeps unchanged grids' codes)</source>
            <translation>存放现有编码的字段（未变化的网格保留原编码）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="75" />
            <source>Field identifying a grid in both versions</source>
            <translation>在两个版本中标识网格的字段</translation>
        </message>
        <message>
            <location filename="../../layers/io.py" line="56" />
            <source>Field {field} of layer {layer} has values that are not {type}: {detail}</source>
            <translation>图层 {layer} 的字段 {field} 中有不属于 {type} 类型的值：{detail}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="130" />
            <source>File {path} does not exist</source>
            <translation>文件 {path} 不存在</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="20" />
            <source>Finds every problem of a grid layer and writes one polygon per problem with error_type, grid_ids (the ids involved, comma-separated), parent_id, area_m2 and detail. Error types: gap (inside each community of PARENTS, or inside the outline of the grids without PARENTS, an area no grid covers), overlap (the area two grids share, including a grid inside another), outside_parent and crosses_parent (the part of a grid outside the community it shares most area with: outside every community, or inside another one), multipart, invalid (repaired for the other checks), sliver (a grid part smaller than SLIVER_AREA square metres or with a mean width, 2 × area / perimeter, under SLIVER_WIDTH metres; gap and overlap pieces that thin say so in their detail), too_few_households / too_many_households (the households of the BUILDINGS whose representative point lies in the grid, outside MIN_HOUSEHOLDS - MAX_HOUSEHOLDS), duplicate_code (CODE_FIELD, by default ID_FIELD) and no_staff (no current leader 网格长 or full_time 专职网格员 in the STAFF table, matched on its grid_code). Gaps, overlaps and crossings of up to 0.001 square metres are float noise and not reported. Every gap and overlap that QGIS's Topology Checker rules "must not have gaps" and "must not overlap" find is found. Closed versions of a versioned layer (valid_to today or earlier) are history and not checked. The work is done in metres (layers in degrees are projected automatically, other layers transformed to the grids' CRS); the problems are written in the grids' CRS.</source>
            <translation>找出网格图层中的所有问题，每个问题输出一个面，字段为 error_type、grid_ids（涉及的网格 ID，逗号分隔）、parent_id、area_m2 和 detail。问题类型：gap（缝隙：在 PARENTS 的每个社区内，或未指定 PARENTS 时在全部网格的外轮廓内，没有任何网格覆盖的区域）；overlap（重叠：两个网格共有的区域，包括一个网格位于另一个网格内部的情况）；outside_parent 和 crosses_parent（网格超出其所属社区（与之共有面积最大的社区）的部分：前者位于所有社区之外，后者位于另一个社区之内）；multipart（多部件）；invalid（几何无效，修复后再参与其他检查）；sliver（狭长碎片：面积小于 SLIVER_AREA 平方米，或平均宽度（2 × 面积 / 周长）小于 SLIVER_WIDTH 米的网格部件；同样狭窄的缝隙和重叠会在 detail 中注明）；too_few_households / too_many_households（户数过少 / 过多：代表点位于网格内的 BUILDINGS 楼栋户数合计不在 MIN_HOUSEHOLDS - MAX_HOUSEHOLDS 范围内）；duplicate_code（编码重复，检查 CODE_FIELD，默认为 ID_FIELD）以及 no_staff（在 STAFF 表中按 grid_code 匹配不到在岗的网格长 leader 或专职网格员 full_time）。不超过 0.001 平方米的缝隙、重叠和越界属于浮点误差，不予报告。QGIS 拓扑检查器（Topology Checker）的“不得有缝隙”（must not have gaps）和“不得重叠”（must not overlap）规则能发现的缝隙和重叠，本工具都能发现。带版本图层中已失效的版本（valid_to 为今天或更早）属于历史记录，不做检查。计算以米为单位进行（以度为单位的图层会自动投影，其他图层会转换到网格图层的坐标参考系）；问题以网格图层的坐标参考系写出。</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="1392" />
            <source>Fix interval and walking speed must be positive</source>
            <translation>定位间隔和步行速度都必须大于 0</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="700" />
            <source>Floor area per household must be positive, not {n} m²</source>
            <translation>户均建筑面积必须大于 0，当前为 {n} m²</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="22" />
            <source>For each facility and each of MINUTES (comma-separated), the area reachable on foot at SPEED (m/s): the roads reachable within the time, cut at the exact point where the time runs out, buffered by WIDTH metres on each side. The area never covers ground away from the reachable roads (unlike polygons interpolated between points). MODE per_facility gives one area per facility and time (areas of neighbouring facilities overlap); nearest_facility gives each piece of road to the facility that reaches it first, splitting a road where two facilities' times meet, and makes the areas of one time disjoint (ground within WIDTH of two facilities' roads goes to the facility whose road is nearer). Facilities farther than SNAP_DISTANCE metres from any road get no area. Each area keeps its facility's fields and gets facility (feature id), minutes and length_m (reachable road length in metres). A network in degrees is projected to a metric CRS, in which the output is written.</source>
            <translation>对每个设施和 MINUTES 中的每个时间（逗号分隔），计算按步行速度 SPEED（米/秒）步行可达的范围：取该时间内可到达的道路，在时间耗尽的准确位置截断，再向道路两侧各缓冲 WIDTH 米。该范围不会覆盖远离可达道路的地面（这一点不同于在点之间插值生成的面）。MODE 为 per_facility 时，每个设施的每个时间各生成一个范围（相邻设施的范围会相互重叠）；为 nearest_facility 时，每段道路归属最先到达它的设施，在两个设施的步行时间相等处截断道路，使同一时间的各个范围互不重叠（同时位于两个设施道路 WIDTH 米范围内的地面，归属道路更近的设施）。距任何道路超过 SNAP_DISTANCE 米的设施不生成范围。每个范围保留其设施的字段，并增加 facility（设施的要素 ID）、minutes 和 length_m（可达道路长度，米）。以度为单位的路网会投影到以米为单位的坐标参考系，输出也以该坐标参考系写出。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="36" />
            <source>For every origin (buildings or households; polygons use their centroid, or a point inside when the centroid falls outside), the walking distance (m) and time (min) along the road network to the nearest facility of each category of CATEGORY_FIELD, that facility's feature id and the tier met: fields &lt;category&gt;_dist_m, &lt;category&gt;_time_min, &lt;category&gt;_facility, &lt;category&gt;_tier (the smallest of THRESHOLDS met, in minutes) and &lt;category&gt;_reason (why the value is NULL: far_from_road, no_facility, island, unreachable, no_geometry), plus snap_m (metres from the origin to the road) and island (on a piece of network disconnected from the largest one). The origins keep their own fields. Origins and facilities are connected to the nearest point of the nearest road (not the nearest crossing); the distances are exact shortest paths on the network, which is built from the lines' own vertices: lines that cross without a shared vertex (bridges) are not joined. SPEED is in metres per second (1.0 suits elderly walkers), THRESHOLDS in minutes (default 5,10,15, GB 50180-2018), SNAP_DISTANCE in metres. A network in degrees is projected to a metric CRS, in which the outputs are written. With GRIDS (base grids) and COMMUNITIES, GRIDS_OUTPUT and COMMUNITIES_OUTPUT give each polygon's origins, their weight (WEIGHT_FIELD, e.g. households; 1 each without it) and the share of that weight within each tier for each category. DEFICIENCY lists each origin and category beyond the largest threshold or unreachable; SUMMARY one row per category. CATEGORIES (comma-separated, optional) names the categories expected, so that an empty one is reported.</source>
            <translation>对每个起点（楼栋或住户；面要素取其质心，质心落在面外时取面内一点），计算沿路网到 CATEGORY_FIELD 中每个设施类别最近设施的步行距离（米）和步行时间（分钟）、该设施的要素 ID 以及所达到的圈层：字段为 &lt;category&gt;_dist_m、&lt;category&gt;_time_min、&lt;category&gt;_facility、&lt;category&gt;_tier（满足的 THRESHOLDS 中最小的一个，单位为分钟）和 &lt;category&gt;_reason（值为 NULL 的原因：far_from_road、no_facility、island、unreachable、no_geometry），另有 snap_m（起点到道路的距离，米）和 island（是否位于与最大连通路网不相连的路段上）。起点保留其自身的字段。起点和设施连接到最近道路上的最近点（而不是最近的路口）；距离是路网上的精确最短路径。路网由线要素自身的节点构成：相交但没有公共节点的线（如桥梁）不连通。SPEED 的单位为米/秒（1.0 适合老年人步行），THRESHOLDS 的单位为分钟（默认 5,10,15，依据 GB 50180-2018），SNAP_DISTANCE 的单位为米。以度为单位的路网会投影到以米为单位的坐标参考系，输出也以该坐标参考系写出。指定 GRIDS（基础网格）和 COMMUNITIES 时，GRIDS_OUTPUT 和 COMMUNITIES_OUTPUT 给出每个面内的起点、其权重（WEIGHT_FIELD，如户数；未指定时每个起点计 1）以及各设施类别每个圈层内的权重占比。DEFICIENCY 列出超出最大时间阈值或无法到达的每个起点与类别；SUMMARY 每个类别一行。CATEGORIES（逗号分隔，可选）列出应有的设施类别，以便报告没有任何设施的类别。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="160" />
            <source>Found {roads} roads, {buildings} buildings and {facilities} facilities ({categories})</source>
            <translation>找到道路 {roads} 条、楼栋 {buildings} 栋、公共服务设施 {facilities} 处（{categories}）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="170" />
            <location filename="../../grid_plugin/dock.py" line="179" />
            <location filename="../../processing/algorithms/create_workspace.py" line="29" />
            <source>GeoPackage (*.gpkg)</source>
            <translation>GeoPackage 文件 (*.gpkg)</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="106" />
            <source>Geometry tolerance (metres)</source>
            <translation>几何容差（米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="119" />
            <source>Give OLD_GRIDS and NEW_GRIDS, or a versioned GRIDS layer with DATE_FROM and DATE_TO</source>
            <translation>请指定 OLD_GRIDS 和 NEW_GRIDS，或者指定带版本的 GRIDS 图层以及 DATE_FROM 和 DATE_TO</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="68" />
            <source>Give at least one threshold in minutes</source>
            <translation>请至少给出一个时间阈值（分钟）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="443" />
            <source>Give buildings to grid {code}</source>
            <translation>将楼栋划入网格 {code}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="168" />
            <source>Give either VIEWSHEDS or both CAMERAS and OBSTACLES</source>
            <translation>请指定 VIEWSHEDS，或同时指定 CAMERAS 和 OBSTACLES</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="680" />
            <source>Give either X and Y fields or a WKT field, not both</source>
            <translation>请指定 X、Y 列或 WKT 列二者之一，不能同时指定</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="36" />
            <source>Gives every grid a code. SCHEME DB11 (Beijing DB11/T 2157-2023): 15 digits = the community's 12-digit code (6 district GB/T 2260 + 3 street + 3 community) + a 3-digit sequence. SCHEME CJT349 (CJ/T 349-2010): 20 digits = OBJECT_CODE (6 digits) + the community's 12-digit code + a 2-digit sequence. Grids that span communities (when COMMUNITIES is given: more than one community holds at least 5 % of the grid's area) are numbered from 601 in DB11 (ordinary grids 001-600) and, as 601 cannot fit two digits, from 60 in CJT349 (ordinary grids 01-59). Within each community grids are numbered north to south, west to east: rows are bands as high as the median grid height, counted from the northernmost grid. Stable renumbering: with PREVIOUS_CODE_FIELD (the field holding the current codes), a grid keeps its code when the code is well formed for the scheme and its community and its geometry did not change (within TOLERANCE metres) since that code was given; on a versioned layer (valid_from/valid_to) the rows closed before today hold the geometry each code had, so a grid edited through the OneGrid panel gets a new code and every other grid keeps its own. New and changed grids take the next free numbers of their community; a code a retired grid had is never given again. Output: the grids with all their fields, grid_code (the new code) and code_changed. SCHEME accepts an index or a name (DB11, CJT349, 15, 20).</source>
            <translation>为每个网格编码。SCHEME 为 DB11（北京 DB11/T 2157-2023）时：15 位 = 社区的 12 位编码（6 位区县代码 GB/T 2260 + 3 位街道 + 3 位社区）+ 3 位顺序号。SCHEME 为 CJT349（CJ/T 349-2010）时：20 位 = OBJECT_CODE（6 位）+ 社区的 12 位编码 + 2 位顺序号。跨社区网格（指定 COMMUNITIES 时，有不止一个社区各占网格面积的 5% 以上）在 DB11 中从 601 起编号（普通网格为 001-600）；由于 601 无法用两位数表示，在 CJT349 中从 60 起编号（普通网格为 01-59）。每个社区内的网格自北向南、自西向东编号：从最北的网格算起，以网格高度的中位数为行高划分行。稳定重编号：指定 PREVIOUS_CODE_FIELD（存放现有编码的字段）时，如果网格的编码符合该方案和所属社区的格式，且自获得该编码以来几何没有变化（在 TOLERANCE 米以内），则保留原编码；对于带版本的图层（valid_from/valid_to），今天以前失效的记录保存了每个编码当时对应的几何，因此通过一张网面板编辑过的网格会获得新编码，其他网格各自保留原编码。新增和发生变化的网格依次取所在社区的下一个空闲编号；已撤销网格用过的编码不再重新分配。输出：带全部字段的网格，以及 grid_code（新编码）和 code_changed。SCHEME 可填写序号或名称（DB11、CJT349、15、20）。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="113" />
            <source>Greedy choice reaches {pct} % of the exact optimum</source>
            <translation>贪心选址结果达到精确最优解的 {pct}%</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="24" />
            <source>Grid change impact</source>
            <translation>网格调整影响分析</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="190" />
            <source>Grid code</source>
            <translation>网格编码</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="33" />
            <source>Grid code field</source>
            <translation>网格编码字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="66" />
            <source>Grid code field checked for duplicates (default: the id field)</source>
            <translation>检查重复的网格编码字段（默认为 ID 字段）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/plugin.py" line="49" />
            <source>Grid editing</source>
            <translation>网格编辑</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="89" />
            <source>Grid field holding the community code (12 digits)</source>
            <translation>网格图层中存放社区编码（12 位）的字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="63" />
            <location filename="../../processing/algorithms/repair_grids.py" line="54" />
            <source>Grid id field</source>
            <translation>网格 ID 字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="99" />
            <source>Grid problems</source>
            <translation>网格问题</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="87" />
            <source>Grid staff (grid_code, role)</source>
            <translation>网格人员（grid_code、role）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="82" />
            <source>Grid staff table (grid_code, role)</source>
            <translation>网格人员表（grid_code、role）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="123" />
            <source>Grid {code}: {households} households ({reason})</source>
            <translation>网格 {code}：{households} 户（{reason}）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/change.py" line="120" />
            <source>Grid {grid} is not in the layer or is not valid on {date}</source>
            <translation>网格 {grid} 不在图层中，或在 {date} 不处于有效期内</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/codes.py" line="88" />
            <source>Grid {grid}: community code {code} in field {field} is not 12 digits (6 district + 3 street + 3 community)</source>
            <translation>网格 {grid}：字段 {field} 中的社区编码 {code} 不是 12 位（6 位区县 + 3 位街道 + 3 位社区）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="31" />
            <location filename="../../processing/algorithms/check_grids.py" line="59" />
            <location filename="../../processing/algorithms/code_grids.py" line="84" />
            <source>Grids</source>
            <translation>网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="64" />
            <source>Grids after the change</source>
            <translation>调整后的网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="62" />
            <source>Grids before the change</source>
            <translation>调整前的网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="77" />
            <source>Grids made</source>
            <translation>生成的网格数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="111" />
            <source>Grids that kept their code</source>
            <translation>保留原编码的网格数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/repair_grids.py" line="98" />
            <source>Grids that were only a sliver were merged into their neighbours: {ids}</source>
            <translation>以下网格仅由狭长碎片构成，已并入相邻网格：{ids}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="110" />
            <source>Grids whose code changed</source>
            <translation>编码发生变化的网格数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="78" />
            <location filename="../../processing/algorithms/divide_grids.py" line="62" />
            <source>Household count field</source>
            <translation>户数字段</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="190" />
            <location filename="../../processing/algorithms/grid_change_impact.py" line="80" />
            <source>Households</source>
            <translation>住户</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="74" />
            <source>How much of each target the cameras see, per grid and per target layer: length for lines (roads), area for polygons (squares, school grounds), count for points (key places, entrances), and how many cameras see each target (redundancy). Give VIEWSHEDS (from Camera viewsheds) or CAMERAS and OBSTACLES (the viewsheds are then computed as in Camera viewsheds). OUTPUT: one row per grid and target layer with total, covered, share_pct, targets, seen (by at least one camera) and mean_cameras; REDUNDANCY: one row per target (layer, feature id, grid, total, covered, share_pct, cameras seeing it); BLIND_SPOTS: the road pieces no camera sees; BLIND_PLACES: the key places no camera sees; BLIND_AREAS: the parts of the polygons no camera sees.</source>
            <translation>统计监控对每个目标的覆盖情况，按网格和目标图层汇总：线（道路）按长度，面（广场、校园）按面积，点（重点部位、出入口）按个数，并统计每个目标被几个监控看到（冗余度）。请指定 VIEWSHEDS（“视频监控视域”的输出），或者指定 CAMERAS 和 OBSTACLES（此时按“视频监控视域”的方法计算视域）。OUTPUT：每个网格和目标图层一行，字段为 total、covered、share_pct、targets、seen（至少被一个监控看到的目标数）和 mean_cameras；REDUNDANCY：每个目标一行（图层、要素 ID、网格、total、covered、share_pct、能看到该目标的监控数）；BLIND_SPOTS：没有任何监控看到的路段；BLIND_PLACES：没有任何监控看到的重点部位；BLIND_AREAS：面目标中没有任何监控看到的部分。</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="72" />
            <source>ID number check digit is wrong</source>
            <translation>公民身份号码的校验码错误</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="70" />
            <location filename="../../processing/analysis/idcard.py" line="68" />
            <source>ID number has an impossible birth date</source>
            <translation>公民身份号码中的出生日期无效</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="64" />
            <source>ID number has an unknown region prefix</source>
            <translation>公民身份号码开头的行政区划代码无法识别</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="57" />
            <source>ID number is empty</source>
            <translation>公民身份号码为空</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="62" />
            <source>ID number must be 17 digits and a digit or X</source>
            <translation>公民身份号码应为 17 位数字加 1 位数字或 X</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="60" />
            <source>ID number must have 18 characters</source>
            <translation>公民身份号码必须为 18 位</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="46" />
            <source>Import OpenStreetMap</source>
            <translation>导入 OpenStreetMap 数据</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="34" />
            <source>Import table (CSV / Excel)</source>
            <translation>导入表格（CSV / Excel）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="129" />
            <source>Imported {roads} roads, {buildings} buildings and {facilities} facilities from {path} into {workspace}</source>
            <translation>已从 {path} 向 {workspace} 导入道路 {roads} 条、楼栋 {buildings} 栋、公共服务设施 {facilities} 处</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="102" />
            <source>Input and output coordinates are both {name}: choose two different systems</source>
            <translation>输入和输出坐标系都是 {name}，请选择两个不同的坐标系</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="84" />
            <source>Input layer</source>
            <translation>输入图层</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="68" />
            <source>Isochrones</source>
            <translation>等时圈</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="69" />
            <source>Kind of records (target layer)</source>
            <translation>记录类型（目标图层）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="65" />
            <location filename="../../processing/algorithms/service_circles.py" line="95" />
            <location filename="../../processing/algorithms/shelter_check.py" line="75" />
            <source>Largest distance to a road (m)</source>
            <translation>到道路的最大距离（米）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="113" />
            <source>Layer</source>
            <translation>图层</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="298" />
            <location filename="../../grid_plugin/grid_edit.py" line="439" />
            <source>Layer {layer} cannot be edited</source>
            <translation>图层 {layer} 不可编辑</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/topology.py" line="220" />
            <source>Layer {layer} has duplicate values in {field}: {ids}</source>
            <translation>图层 {layer} 的字段 {field} 中有重复值：{ids}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/overlay.py" line="59" />
            <source>Layer {layer} has duplicate {field} values: {ids}</source>
            <translation>图层 {layer} 中有重复的 {field} 值：{ids}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="56" />
            <source>Layer {layer} has features without grid_type: feature ids {ids}</source>
            <translation>图层 {layer} 中有要素缺少 grid_type：要素 ID {ids}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/overlay.py" line="54" />
            <location filename="../../processing/analysis/topology.py" line="214" />
            <source>Layer {layer} has features without {field}: feature ids {ids}</source>
            <translation>图层 {layer} 中有要素缺少 {field}：要素 ID {ids}</translation>
        </message>
        <message>
            <location filename="../../processing/adapter.py" line="62" />
            <location filename="../../processing/algorithms/convert_coordinates.py" line="110" />
            <location filename="../../processing/analysis/crs.py" line="116" />
            <source>Layer {layer} has no coordinate reference system</source>
            <translation>图层 {layer} 没有坐标参考系，请先为其设置坐标参考系</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="47" />
            <source>Layer {layer} has no features with a geometry: left out</source>
            <translation>图层 {layer} 中没有带几何的要素，已略过</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="256" />
            <location filename="../../processing/analysis/change.py" line="158" />
            <location filename="../../processing/analysis/change.py" line="276" />
            <source>Layer {layer} has no field {field}</source>
            <translation>图层 {layer} 没有字段 {field}</translation>
        </message>
        <message>
            <location filename="../../processing/adapter.py" line="46" />
            <location filename="../../processing/adapter.py" line="94" />
            <location filename="../../processing/algorithms/camera_coverage.py" line="64" />
            <source>Layer {layer} has no field {field}; its fields are: {fields}</source>
            <translation>图层 {layer} 没有字段 {field}；该图层的字段为：{fields}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/crs.py" line="122" />
            <source>Layer {layer} has no geometry to choose a metric coordinate system from</source>
            <translation>图层 {layer} 没有几何，无法据此选择以米为单位的坐标系</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="177" />
            <source>Layer {layer} has no grid valid on {date}</source>
            <translation>图层 {layer} 中没有在 {date} 有效的网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="44" />
            <source>Layer {layer} has no grid_type field: every professional grid layer needs one (police, safety, ...)</source>
            <translation>图层 {layer} 没有 grid_type 字段：每个专业网格图层都需要该字段（police、safety 等）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="1201" />
            <source>Layer {layer} has no lines</source>
            <translation>图层 {layer} 中没有线要素</translation>
        </message>
        <message>
            <location filename="../../processing/adapter.py" line="99" />
            <location filename="../../processing/analysis/service.py" line="136" />
            <location filename="../../processing/analysis/synthetic.py" line="1054" />
            <source>Layer {layer} is empty</source>
            <translation>图层 {layer} 为空</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="51" />
            <source>Layer {layer} is empty and was skipped</source>
            <translation>图层 {layer} 为空，已跳过</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="125" />
            <source>Layer {layer} is empty: nothing to convert</source>
            <translation>图层 {layer} 为空，没有可转换的要素</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="93" />
            <source>Layer {layer} is not a polygon layer</source>
            <translation>图层 {layer} 不是面图层</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="86" />
            <source>Layer {layer} is not in metres: areas are computed in a projected CRS chosen for it</source>
            <translation>图层 {layer} 的单位不是米：面积将在为其选定的投影坐标参考系中计算</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="78" />
            <source>Layer {layer} is not in metres: computed in {crs}</source>
            <translation>图层 {layer} 的单位不是米：改在 {crs} 中计算</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="99" />
            <source>Layer {layer} is transformed to the CRS of the base grids</source>
            <translation>图层 {layer} 已转换到基础网格的坐标参考系</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="195" />
            <source>Layer {layer} must be in a projected coordinate reference system in metres, not {crs}</source>
            <translation>图层 {layer} 必须使用以米为单位的投影坐标参考系，而不是 {crs}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/visibility.py" line="346" />
            <source>Layer {layer} must be in a projected coordinate system in metres</source>
            <translation>图层 {layer} 必须使用以米为单位的投影坐标参考系</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="333" />
            <source>Layer {layer} refused the new features</source>
            <translation>图层 {layer} 未接受新要素</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/change.py" line="161" />
            <source>Layer {layer}: feature {feature} has no {field}</source>
            <translation>图层 {layer}：要素 {feature} 缺少 {field}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/change.py" line="165" />
            <source>Layer {layer}: {field} {value} is used by more than one grid (features {features})</source>
            <translation>图层 {layer}：{field} 为 {value} 的网格不止一个（要素 {features}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="185" />
            <source>Layer {layer}: {message}</source>
            <translation>图层 {layer}：{message}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="35" />
            <source>Layers created</source>
            <translation>已创建图层数</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/coverage.py" line="205" />
            <location filename="../../processing/analysis/coverage.py" line="202" />
            <location filename="../../processing/analysis/synthetic.py" line="279" />
            <source>Layers {a} and {b} are in different coordinate reference systems</source>
            <translation>图层 {a} 和 {b} 的坐标参考系不同，请统一为同一坐标参考系</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="35" />
            <source>Loads a register kept in a spreadsheet (CSV, TXT or XLSX) into a workspace layer. KIND chooses the layer: people, households, organizations, events, things, cameras, facilities, patrol_points or grid_staff. Columns are matched to fields by field name, English or Chinese name (姓名, 公民身份号码, 联系电话...); other columns are ignored. Coded values may be given as code or label (男 or male); dates as 2024-01-31, 2024/1/31, 20240131 or 2024年1月31日; date-times without a zone are China time (UTC+8) and are stored in UTC. The location comes from X_FIELD and Y_FIELD (longitude/latitude or projected coordinates in SOURCE_CRS) or from WKT_FIELD; when none is given, columns named lon/lng/经度 and lat/纬度 are used. SOURCE_CRS accepts EPSG:nnnn, WGS84, GCJ02 (Amap, Tencent) and BD09 (Baidu); GCJ-02 and BD-09 are converted to WGS84. Swapped longitude and latitude are fixed and counted. ENCODING of a CSV: auto tries UTF-8 with BOM, UTF-8 and GB18030 (GBK). Rows that fail a check are not imported: each is written to the rejected_rows table with its row number (header = row 1), its content and the reason in English and Chinese. ID numbers are normalised but not judged here.</source>
            <translation>将电子表格（CSV、TXT 或 XLSX）中的登记台账导入工作空间图层。KIND 选择目标图层：people（实有人口）、households（房屋/住户）、organizations（实有单位）、events（事件）、things（部件）、cameras（视频监控）、facilities（公共服务设施）、patrol_points（巡查轨迹点）或 grid_staff（网格人员）。表格的列按字段名、英文名称或中文名称（姓名、公民身份号码、联系电话……）与字段对应，其余的列不导入。编码类取值可填代码或名称（男 或 male）；日期可写作 2024-01-31、2024/1/31、20240131 或 2024年1月31日；未注明时区的日期时间按北京时间（UTC+8）理解，以 UTC 存储。位置取自 X_FIELD 和 Y_FIELD（经纬度，或 SOURCE_CRS 下的投影坐标），或取自 WKT_FIELD；都未指定时，使用名为 lon/lng/经度 和 lat/纬度 的列。SOURCE_CRS 可填 EPSG:nnnn、WGS84、GCJ02（高德、腾讯）或 BD09（百度）；GCJ-02 和 BD-09 坐标会转换为 WGS84。经纬度填反的行会自动纠正并计数。CSV 的字符编码 ENCODING：auto 会依次尝试带 BOM 的 UTF-8、UTF-8 和 GB18030（GBK）。未通过检查的行不导入，而是逐行写入 rejected_rows 表，记录行号（表头为第 1 行）、原始内容以及中英文的被拒原因。公民身份号码在此只做规范化，不做有效性判断。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="47" />
            <source>Loads an OpenStreetMap extract (.osm.pbf or .osm, read with GDAL's OSM driver) into a workspace: the walking network into roads (footways, paths, steps, streets and squares pedestrians may use; no motorways or trunk roads, nothing with foot=no or private access), buildings with their code OSM-W&lt;id&gt; / OSM-R&lt;id&gt;, address, floors (building:levels), use and floor area (footprint area in square metres times the floors), and facilities in the 1+5+X categories (education, medical, elderly care, commerce, culture &amp; sport, other public services) from points and polygons. Invalid polygons are repaired, broken ones (ways cut at the edge of the extract) dropped; both are counted. Geometries are transformed into the workspace's CRS. REPLACE: delete the rows that came from OpenStreetMap (osm_id set) before importing; otherwise objects already in the workspace are skipped, so running the import twice adds nothing. Rows entered by hand (no osm_id) are never touched.</source>
            <translation>将 OpenStreetMap 数据摘录（.osm.pbf 或 .osm，用 GDAL 的 OSM 驱动读取）导入工作空间：步行路网写入道路图层（人行道、小路、台阶以及行人可通行的街道和广场；不含高速公路和干线公路，也不含标记为 foot=no 或私有通行的道路）；楼栋连同编码 OSM-W&lt;id&gt; / OSM-R&lt;id&gt;、地址、层数（building:levels）、用途和建筑面积（基底面积平方米数乘以层数）一并导入；公共服务设施按 1+5+X 分类（教育、医疗、养老、商业、文体及其他公共服务），取自点和面。无效的面会被修复，残缺的面（在摘录范围边缘被截断的 way）会被舍弃，两者都会计数。几何会转换到工作空间的坐标参考系。REPLACE：导入前先删除此前从 OpenStreetMap 导入的记录（osm_id 有值的记录）；不勾选时，工作空间中已有的对象会被跳过，因此重复导入不会新增任何内容。手工录入的记录（osm_id 为空）始终不受影响。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="131" />
            <source>Location from the WKT column {field} ({crs})</source>
            <translation>位置取自 WKT 列 {field}（{crs}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="128" />
            <source>Location from the columns {x} and {y} ({crs})</source>
            <translation>位置取自 {x} 列和 {y} 列（{crs}）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/overlay.py" line="219" />
            <source>MIN_SHARE must be between 0 and 0.5, not {value}</source>
            <translation>MIN_SHARE 必须在 0 到 0.5 之间，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="99" />
            <source>Managed-object code (6 digits, CJT349 only)</source>
            <translation>管理对象代码（6 位，仅用于 CJT349）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="117" />
            <source>Merge grids into one network (多网合一)</source>
            <translation>多网合一（专业网格并入基础网格）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="408" />
            <source>Merge grids into {code}</source>
            <translation>将网格合并为 {code}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="140" />
            <source>Merge selected grids</source>
            <translation>合并所选网格</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="411" />
            <source>Merged {count} grids into {code}</source>
            <translation>已将 {count} 个网格合并为 {code}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="118" />
            <source>Merges the professional grids (警格, 安格, 交格, ...) into the base grids: the one network (一张网). OVERLAYS takes any number of polygon layers, each with a grid_type field; a layer holding several grid types (such as the workspace's professional_grids) is split by grid_type. OUTPUT is the base grids with their own fields and, per grid type, &lt;type&gt;_grid (the professional grid holding the largest share of the base grid's area; empty where none covers it) and &lt;type&gt;_share (that share, 0-1; 0 where none covers it); columns of those names already in the base grids are replaced. CONFLICTS has one polygon per place where a professional grid cuts a base grid, that is a piece whose share of the base grid lies between MIN_SHARE and 1 - MIN_SHARE: grid_type, base_id, overlay_id (the professional grid), share and area_m2 (square metres). Areas are computed in metres (layers in degrees are projected automatically; professional layers in another CRS are transformed to the base grids'); the outputs are in the base grids' CRS. Ids must be unique in each layer and grid type.</source>
            <translation>将专业网格（警格、安格、交格……）并入基础网格，形成一张网。OVERLAYS 可接受任意数量的面图层，每个图层都须有 grid_type 字段；包含多种网格类型的图层（如工作空间的 professional_grids）按 grid_type 拆分。OUTPUT 为带自身字段的基础网格，并按网格类型增加 &lt;type&gt;_grid（占该基础网格面积份额最大的专业网格；没有专业网格覆盖时为空）和 &lt;type&gt;_share（该份额，0-1；没有覆盖时为 0）；基础网格中已有的同名列会被替换。CONFLICTS 在专业网格切割基础网格的每一处输出一个面，即占基础网格面积比例介于 MIN_SHARE 和 1 - MIN_SHARE 之间的图斑，字段为 grid_type、base_id、overlay_id（专业网格）、share 和 area_m2（平方米）。面积以米为单位计算（以度为单位的图层自动投影；其他坐标参考系的专业网格图层转换到基础网格的坐标参考系）；输出使用基础网格的坐标参考系。每个图层、每种网格类型内的 ID 都必须唯一。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="160" />
            <source>Merging {types} grid types into {count} base grids</source>
            <translation>正在将 {types} 类专业网格并入 {count} 个基础网格</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="509" />
            <source>More than {high:.0f} households</source>
            <translation>多于 {high:.0f} 户</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="88" />
            <source>Most households per grid</source>
            <translation>每个网格的最多户数</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="449" />
            <source>Move buildings' cells to grid {code}</source>
            <translation>将楼栋的泰森多边形移入网格 {code}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="26" />
            <source>Network: {nodes} nodes, {edges} edges in EPSG:{epsg}; the largest connected piece has {largest} nodes of {components} pieces</source>
            <translation>路网：{nodes} 个节点、{edges} 条边（EPSG:{epsg}）；共 {components} 个连通片，最大的一片有 {largest} 个节点</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="178" />
            <source>New workspace</source>
            <translation>新建工作空间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="98" />
            <source>New workspace…</source>
            <translation>新建工作空间…</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="90" />
            <source>No CANDIDATES and no line target (roads) to place candidates along</source>
            <translation>未指定 CANDIDATES，也没有可沿之布设候选点位的线状目标（道路）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="88" />
            <source>No OpenStreetMap file given</source>
            <translation>未指定 OpenStreetMap 文件</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="83" />
            <source>No base grid layer given</source>
            <translation>未指定基础网格图层</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/crs.py" line="43" />
            <location filename="../../processing/analysis/crs.py" line="60" />
            <source>No coordinates to choose a metric coordinate system from</source>
            <translation>没有坐标，无法选择以米为单位的坐标系</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="261" />
            <source>No facility of category {category} in {layer} is within {distance} m of a road</source>
            <translation>{layer} 中类别为 {category} 的设施都不在道路 {distance} 米以内</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="106" />
            <source>No input layer given</source>
            <translation>未指定输入图层</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="134" />
            <source>No location columns found: rows are imported without a location</source>
            <translation>未找到位置列：各行将不带位置导入</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="43" />
            <source>No output file given for the workspace</source>
            <translation>未指定工作空间的输出文件</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="110" />
            <location filename="../../processing/analysis/overlay.py" line="188" />
            <source>No professional grid layer given</source>
            <translation>未指定专业网格图层</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="41" />
            <source>No target layer given: add roads, public spaces or key places</source>
            <translation>未指定目标图层：请添加道路、公共空间或重点部位</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="90" />
            <source>No workspace given</source>
            <translation>未指定工作空间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="107" />
            <location filename="../../grid_plugin/dock.py" line="322" />
            <source>No workspace open</source>
            <translation>未打开工作空间</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="53" />
            <source>Number of new cameras</source>
            <translation>新增监控数量</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="71" />
            <source>OBSTACLES is required: the building footprints</source>
            <translation>必须指定 OBSTACLES（楼栋轮廓）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/osm.py" line="179" />
            <source>OSM file {path} does not exist</source>
            <translation>OSM 文件 {path} 不存在</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="49" />
            <source>Obstacle floors field (3 m per floor), used where there is no height</source>
            <translation>障碍物层数字段（每层按 3 米计），无高度值时使用</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="45" />
            <source>Obstacle height field (m); lower obstacles than the camera are looked over</source>
            <translation>障碍物高度字段（米）；低于摄像机的障碍物不遮挡视线</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="42" />
            <source>Obstacles (building footprints)</source>
            <translation>障碍物（楼栋轮廓）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="151" />
            <source>One network (一张网)</source>
            <translation>一张网</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="136" />
            <source>One polygon per camera: its sector (a full circle for PTZ cameras or a field of view of 360 degrees) minus everything hidden behind the obstacles, computed as an exact 2D visibility polygon (angular sweep over the obstacle corners); the range circle is drawn with chords every ARC_STEP degrees. Camera fields (workspace cameras layer): height_m, azimuth_deg (degrees clockwise from north), fov_deg, range_m, lens_mm, resolution_mp, camera_type. A missing fov_deg comes from lens_mm (2.8 mm is 98 degrees); LEVEL detection, observation, recognition or identification sets the range from lens and resolution (25, 62, 125, 250 pixels per metre, IEC 62676-4), LEVEL range uses range_m. With a height or floors field an obstacle lower than the camera is looked over (the ground just behind it counts as seen); obstacles of unknown height block. Cameras inside a building, with a field of view of 0 or above 360 degrees or a range of 0 are flagged and get an empty polygon; azimuths outside 0-360 are taken modulo 360 and flagged. Layers not in metres are computed in a metric CRS (the obstacles' or one chosen for the cameras). LEVEL accepts an index or a name.</source>
            <translation>每个监控点位输出一个面：其扇形范围（球机或视场角为 360 度时为整圆）减去被障碍物遮挡的部分，按精确的二维可视多边形计算（绕障碍物角点做角度扫描）；有效距离的圆弧每 ARC_STEP 度用一段弦绘制。监控字段（工作空间的视频监控图层）：height_m、azimuth_deg（自正北顺时针的度数）、fov_deg、range_m、lens_mm、resolution_mp、camera_type。缺少 fov_deg 时由 lens_mm 推算（2.8 毫米对应 98 度）；LEVEL 为 detection（探测）、observation（观察）、recognition（识别）或 identification（辨认）时，由镜头焦距和分辨率推算有效距离（分别为每米 25、62、125、250 像素，依据 IEC 62676-4），LEVEL 为 range 时使用 range_m。指定高度或层数字段时，低于摄像机的障碍物不遮挡视线（紧挨其后的地面视为可见）；高度未知的障碍物一律遮挡。位于楼栋内部、视场角为 0 或大于 360 度、或有效距离为 0 的监控会被标记，并输出空面；朝向超出 0-360 度的按 360 取模并标记。单位不是米的图层在以米为单位的坐标参考系中计算（采用障碍物图层的坐标参考系，或为监控点位另选一个）。LEVEL 可填写序号或名称。</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="55" />
            <location filename="../../grid_plugin/plugin.py" line="57" />
            <location filename="../../processing/provider.py" line="34" />
            <source>OneGrid</source>
            <translation>一张网</translation>
        </message>
        <message>
            <location filename="../../processing/provider.py" line="37" />
            <source>OneGrid grid-based governance</source>
            <translation>一张网网格化服务管理</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/plugin.py" line="52" />
            <source>OneGrid panel</source>
            <translation>一张网面板</translation>
        </message>
        <message>
            <location filename="../../layers/project.py" line="109" />
            <source>OneGrid workspace</source>
            <translation>一张网工作空间</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="107" />
            <source>Only {count} candidates add any coverage; {k} were asked</source>
            <translation>只有 {count} 个候选点位能增加覆盖，少于要求的 {k} 个</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="83" />
            <source>Open</source>
            <translation>打开</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="85" />
            <source>Open the workspace whose path is in the box</source>
            <translation>打开输入框中路径所指的工作空间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="169" />
            <source>Open workspace</source>
            <translation>打开工作空间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="101" />
            <source>Open workspace…</source>
            <translation>打开工作空间…</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="72" />
            <source>OpenStreetMap (*.osm.pbf *.pbf *.osm)</source>
            <translation>OpenStreetMap 文件 (*.osm.pbf *.pbf *.osm)</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="70" />
            <source>OpenStreetMap file (.osm.pbf, .osm)</source>
            <translation>OpenStreetMap 文件（.osm.pbf、.osm）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="227" />
            <source>Opened workspace {name}</source>
            <translation>已打开工作空间 {name}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="82" />
            <source>Organisations</source>
            <translation>实有单位</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="122" />
            <source>Origin and category pairs beyond the largest tier</source>
            <translation>超出最大圈层的起点与类别组合数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="81" />
            <location filename="../../processing/algorithms/shelter_check.py" line="51" />
            <source>Origins (buildings or households)</source>
            <translation>起点（楼栋或住户）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="80" />
            <source>Origins with their shelter</source>
            <translation>起点及其避难场所</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="110" />
            <source>Origins with walking times</source>
            <translation>起点及步行时间</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="86" />
            <source>Origins without a shelter within the time</source>
            <translation>限定时间内无法到达避难场所的起点数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="109" />
            <source>Overlaying {count} viewsheds with {layers}</source>
            <translation>正在将 {count} 个视域与 {layers} 叠加</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="84" />
            <source>Overloaded shelters</source>
            <translation>超载的避难场所数</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="143" />
            <source>Paint buildings</source>
            <translation>刷选楼栋</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="163" />
            <source>Painted buildings take their part of the grid with them</source>
            <translation>刷选的楼栋连同其所占的网格区域一起移动</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="81" />
            <source>Path of a workspace GeoPackage (.gpkg)</source>
            <translation>工作空间 GeoPackage 文件（.gpkg）的路径</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="81" />
            <source>People</source>
            <translation>实有人口</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="95" />
            <source>Phone number is empty</source>
            <translation>联系电话为空</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="101" />
            <source>Phone number is not a mainland mobile or landline number</source>
            <translation>联系电话不是有效的中国大陆手机号码或固定电话号码</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/repair_grids.py" line="74" />
            <source>Pieces moved</source>
            <translation>移交的图斑数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="54" />
            <source>Population field</source>
            <translation>人口字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="100" />
            <source>Problems found</source>
            <translation>发现的问题数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="131" />
            <source>Problems found: {counts}</source>
            <translation>发现的问题：{counts}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="602" />
            <source>Problems found: {count}</source>
            <translation>发现问题 {count} 个</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="35" />
            <source>Professional grid id field</source>
            <translation>专业网格 ID 字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="32" />
            <source>Professional grid layers (each with a grid_type field)</source>
            <translation>专业网格图层（均须有 grid_type 字段）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/align_grids.py" line="52" />
            <source>Professional grids left without a base grid</source>
            <translation>未分到基础网格的专业网格数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="67" />
            <source>Proposed cameras</source>
            <translation>建议新增的监控点位</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="30" />
            <source>Proposes K new cameras that add the most coverage of the targets, the existing CAMERAS kept (their coverage counts as done). Candidates: the CANDIDATES layer (fields as the cameras layer: azimuth_deg, fov_deg, range_m, height_m ...) or, without it, points every SPACING metres along the line targets and at their junctions, each with four azimuths (0, 90, 180, 270 degrees), CANDIDATE_FOV and CANDIDATE_RANGE. Each candidate's viewshed is computed past the obstacles; the targets are cut into elements (road pieces of 10 m by length, polygon cells of 10 m by area, key places worth 50 m of road each) and the candidates are chosen by greedy maximal coverage with lazy evaluation, which reaches at least 63 % (1 - 1/e) of the optimum. Small problems are also solved exactly by integer programming and the ratio is reported. OUTPUT: the K cameras in order with azimuth, the gain and what each adds per target layer (metres, square metres or places).</source>
            <translation>在保留现有 CAMERAS（其覆盖视为已有）的前提下，提出能最大程度增加目标覆盖的 K 个新监控点位。候选点位：CANDIDATES 图层（字段与视频监控图层相同：azimuth_deg、fov_deg、range_m、height_m……）；未指定时，沿线状目标每隔 SPACING 米及在其交汇处取点，每点取四个朝向（0、90、180、270 度），视场角为 CANDIDATE_FOV，有效距离为 CANDIDATE_RANGE。每个候选点位的视域都考虑障碍物遮挡；目标被切分为单元（道路按长度每 10 米一段，面按面积每 10 米见方一格，每个重点部位按 50 米道路计），再用带惰性求值的贪心最大覆盖算法选取候选点位，其结果至少达到最优解的 63%（1 - 1/e）。规模较小的问题还会用整数规划精确求解，并报告二者之比。OUTPUT：按选取顺序排列的 K 个监控点位，包括朝向、增益，以及每个点位在各目标图层上新增的覆盖（米、平方米或处）。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="53" />
            <source>Range: the range_m field, or the DORI level from lens and resolution</source>
            <translation>有效距离：取 range_m 字段，或按镜头和分辨率由 DORI 等级推算</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="79" />
            <source>Reading the base grids</source>
            <translation>正在读取基础网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="109" />
            <location filename="../../processing/algorithms/repair_grids.py" line="80" />
            <source>Reading the layers</source>
            <translation>正在读取图层</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="113" />
            <location filename="../../processing/algorithms/merge_grids.py" line="95" />
            <source>Reading {layer}</source>
            <translation>正在读取 {layer}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="97" />
            <source>Reading {path}</source>
            <translation>正在读取 {path}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/align_grids.py" line="21" />
            <source>Rebuilds each professional grid as the union of the whole base grids assigned to it, so that its boundary follows base-grid boundaries exactly. Each base grid is assigned, per grid type, to the professional grid holding the largest share of its area (as onegrid:merge_grids does). OVERLAYS takes any number of polygon layers, each with a grid_type field; a layer holding several grid types is split by grid_type. OUTPUT: the aligned professional grids with their own fields and grid_type, in the base grids' CRS. REPORT: one row per professional grid with grid_type, overlay_id, area_before_m2, area_after_m2, moved_in_m2 (area it gained), moved_out_m2 (area it lost), moved_m2 (their sum, the area of the symmetric difference), base_grids (how many), base_ids and status (aligned, or no_base_grid for a grid that holds the largest share of no base grid: it is not in OUTPUT). Areas are in square metres, computed in metres (layers in degrees are projected automatically); base grids are taken to have no overlaps (onegrid:check_grids finds them).</source>
            <translation>将每个专业网格重建为分配给它的完整基础网格的并集，使其边界与基础网格边界完全重合。每个基础网格按网格类型分配给占其面积份额最大的专业网格（与 onegrid:merge_grids 的做法相同）。OVERLAYS 可接受任意数量的面图层，每个图层都须有 grid_type 字段；包含多种网格类型的图层按 grid_type 拆分。OUTPUT：对齐后的专业网格，带自身字段和 grid_type，使用基础网格的坐标参考系。REPORT：每个专业网格一行，字段为 grid_type、overlay_id、area_before_m2、area_after_m2、moved_in_m2（增加的面积）、moved_out_m2（减少的面积）、moved_m2（二者之和，即对称差的面积）、base_grids（基础网格个数）、base_ids 和 status（aligned 表示已对齐；no_base_grid 表示该网格在任何基础网格中都不占最大份额，不写入 OUTPUT）。面积单位为平方米，以米为单位计算（以度为单位的图层自动投影）；假定基础网格之间没有重叠（可用 onegrid:check_grids 检查）。</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="94" />
            <source>Recent workspaces</source>
            <translation>最近使用的工作空间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="131" />
            <source>Recent workspaces…</source>
            <translation>最近使用的工作空间…</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="90" />
            <location filename="../../processing/algorithms/grid_change_impact.py" line="93" />
            <source>Records whose grid changes</source>
            <translation>所属网格发生变化的记录</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/repair_grids.py" line="19" />
            <source>Repair grids (gaps, overlaps, slivers)</source>
            <translation>网格修复（缝隙、重叠、狭长碎片）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/repair_grids.py" line="71" />
            <source>Repaired grids</source>
            <translation>修复后的网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/repair_grids.py" line="85" />
            <source>Repairing {count} grids</source>
            <translation>正在修复 {count} 个网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/repair_grids.py" line="20" />
            <source>Repairs a grid layer so that onegrid:check_grids finds no gap, overlap or sliver, keeping every grid's id and fields. In order: invalid geometries are made valid; with PARENTS each grid is clipped to the community it shares most area with; each overlap goes to the one of the two grids whose remainder shares the longer boundary with it (a tie: the grid first in the layer) and is cut from the other; each gap goes to the grid sharing the longest boundary with it (with PARENTS only grids of the gap's community compete; a gap touching none goes to the nearest one); each sliver part (under SLIVER_AREA square metres, or of mean width 2 × area / perimeter under SLIVER_WIDTH metres) goes to the neighbouring grid of the same community sharing the longest boundary with it. A grid that was nothing but a sliver is thus merged away: the only case in which a grid disappears, recorded as 'removed'. Multipart grids keep their parts. CHANGES lists every piece moved: change (clip, overlap, gap, sliver, removed), from_grids, to_grid, parent_id, area_m2, shared_edge_m and detail. The ID_FIELD values must be unique. Closed versions of a versioned layer (valid_to today or earlier) are copied unchanged. The work is done in metres; the grids are written in their own CRS.</source>
            <translation>修复网格图层，使 onegrid:check_grids 查不出缝隙、重叠或狭长碎片，同时保留每个网格的 ID 和字段。依次执行：将无效几何修复为有效几何；指定 PARENTS 时，把每个网格裁剪到与其共有面积最大的社区内；每处重叠归给两个网格中剩余部分与该重叠共享边界较长的一个（相同时归给图层中排在前面的网格），并从另一个网格中扣除；每处缝隙归给与之共享边界最长的网格（指定 PARENTS 时只在缝隙所在社区的网格中选择；不与任何网格相邻的缝隙归给最近的网格）；每个狭长碎片部件（面积小于 SLIVER_AREA 平方米，或平均宽度 2 × 面积 / 周长 小于 SLIVER_WIDTH 米）归给同一社区中与之共享边界最长的相邻网格。因此，整个网格只是一个狭长碎片时会被合并掉：这是网格消失的唯一情形，记为 'removed'。多部件网格保留其各个部件。CHANGES 列出每个被移动的图斑：change（clip、overlap、gap、sliver、removed）、from_grids、to_grid、parent_id、area_m2、shared_edge_m 和 detail。ID_FIELD 的值必须唯一。带版本图层中已失效的版本（valid_to 为今天或更早）原样复制。计算以米为单位进行；网格以其自身的坐标参考系写出。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="34" />
            <source>Replace an existing file</source>
            <translation>覆盖已有文件</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="77" />
            <source>Replace rows imported from OpenStreetMap before</source>
            <translation>替换此前从 OpenStreetMap 导入的记录</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="49" />
            <location filename="../../processing/algorithms/service_circles.py" line="79" />
            <location filename="../../processing/algorithms/shelter_check.py" line="78" />
            <source>Road network (lines)</source>
            <translation>路网（线）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="79" />
            <source>Roads imported</source>
            <translation>已导入道路数</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="89" />
            <source>Row repeats row {row} exactly</source>
            <translation>该行与第 {row} 行完全重复</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="195" />
            <source>Row {row} of {file} has {found} cells but the header has {expected}</source>
            <translation>{file} 第 {row} 行有 {found} 个单元格，与表头的 {expected} 列不一致</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="144" />
            <source>Row {row}: {reason}</source>
            <translation>第 {row} 行：{reason}</translation>
        </message>
        <message>
            <location filename="../../layers/io.py" line="92" />
            <source>Rows for layer {layer} have geometries without a coordinate reference system</source>
            <translation>要写入图层 {layer} 的记录带有几何，但没有坐标参考系</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="86" />
            <source>Rows imported</source>
            <translation>已导入行数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="158" />
            <source>Rows imported into {layer}: {imported}; rows rejected: {rejected}</source>
            <translation>导入 {layer} 的行数：{imported}；被拒行数：{rejected}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="87" />
            <source>Rows rejected</source>
            <translation>被拒行数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="137" />
            <source>Rows whose longitude and latitude were swapped (fixed): {count}</source>
            <translation>经纬度颠倒（已纠正）的行数：{count}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="221" />
            <location filename="../../grid_plugin/dock.py" line="314" />
            <source>Schema version: {version}</source>
            <translation>数据结构版本：{version}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/editing.py" line="88" />
            <source>Select at least two grids to merge</source>
            <translation>请至少选择两个要合并的网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="117" />
            <source>Shares per community</source>
            <translation>各社区圈层覆盖占比</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="114" />
            <source>Shares per grid</source>
            <translation>各网格圈层覆盖占比</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="57" />
            <source>Shelters</source>
            <translation>应急避难场所</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="82" />
            <source>Shelters with their load</source>
            <translation>避难场所及其负荷</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/plugin.py" line="54" />
            <source>Show or hide the OneGrid panel</source>
            <translation>显示或隐藏一张网面板</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="91" />
            <location filename="../../processing/algorithms/repair_grids.py" line="63" />
            <source>Sliver area (square metres)</source>
            <translation>碎片面积阈值（平方米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="95" />
            <location filename="../../processing/algorithms/repair_grids.py" line="67" />
            <source>Sliver mean width (metres)</source>
            <translation>碎片平均宽度阈值（米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="146" />
            <source>Smallest share of a base grid's area that makes a conflict (fraction, 0-0.5)</source>
            <translation>构成冲突的最小面积占比（占基础网格面积的比例，0-0.5）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="134" />
            <source>Split grid</source>
            <translation>拆分网格</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="379" />
            <source>Split grid {codes}</source>
            <translation>拆分网格 {codes}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="381" />
            <source>Split grid {codes} into {parts} parts; the new parts have no code until the grids are renumbered</source>
            <translation>已将网格 {codes} 拆分为 {parts} 块；新拆出的部分在网格重新编码之前没有编码</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="92" />
            <source>Staffing consequences</source>
            <translation>人员配置影响</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="94" />
            <source>Staffing problems</source>
            <translation>人员配置问题数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="120" />
            <source>Summary per category</source>
            <translation>按设施类别汇总</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="66" />
            <source>Table (CSV, TXT or XLSX)</source>
            <translation>表格（CSV、TXT 或 XLSX）</translation>
        </message>
        <message>
            <location filename="../../layers/project.py" line="122" />
            <source>Tables</source>
            <translation>数据表</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="67" />
            <source>Tables (*.csv *.txt *.tsv *.xlsx *.xls)</source>
            <translation>表格 (*.csv *.txt *.tsv *.xlsx *.xls)</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="127" />
            <source>Target</source>
            <translation>目标</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/editing.py" line="152" />
            <source>Target households must be positive and the tolerance between 0 and 1 (got {target} and {tolerance})</source>
            <translation>目标户数必须大于 0，容差必须在 0 到 1 之间（当前分别为 {target} 和 {tolerance}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="69" />
            <source>Target households per grid</source>
            <translation>每个网格的目标户数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="26" />
            <source>Targets: roads (lines), public spaces (polygons), key places and entrances (points)</source>
            <translation>监控目标：道路（线）、公共空间（面）、重点部位和出入口（点）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="81" />
            <source>Text encoding of a CSV</source>
            <translation>CSV 文件的字符编码</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/codes.py" line="217" />
            <source>The CJT349 scheme needs a 6-digit managed-object code, not {code}</source>
            <translation>CJT349 编码方案需要 6 位管理对象代码，当前为 {code}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="686" />
            <source>The WKT field {field} is not a column of {file}; its columns are: {columns}</source>
            <translation>WKT 列 {field} 不在 {file} 中；该文件的列为：{columns}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="682" />
            <source>The X (longitude) field {field} is not a column of {file}; its columns are: {columns}</source>
            <translation>X（经度）列 {field} 不在 {file} 中；该文件的列为：{columns}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="684" />
            <source>The Y (latitude) field {field} is not a column of {file}; its columns are: {columns}</source>
            <translation>Y（纬度）列 {field} 不在 {file} 中；该文件的列为：{columns}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="585" />
            <source>The area per person must be positive (m2); got {value}</source>
            <translation>人均面积（平方米）必须大于 0，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="548" />
            <source>The area to divide into communities is empty</source>
            <translation>要划分社区的区域为空</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="410" />
            <source>The buffer width must be positive (m); got {value}</source>
            <translation>缓冲宽度（米）必须大于 0，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="428" />
            <source>The buildings are already in grid {code}</source>
            <translation>这些楼栋已在网格 {code} 中</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/editing.py" line="176" />
            <source>The buildings have no field {field}</source>
            <translation>楼栋图层没有字段 {field}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="151" />
            <source>The grid painted buildings are given to</source>
            <translation>刷选楼栋要划入的网格</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/editing.py" line="55" />
            <source>The grid to split has no geometry</source>
            <translation>要拆分的网格没有几何</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="369" />
            <location filename="../../processing/analysis/editing.py" line="64" />
            <source>The line does not cut the grid in two: draw it across the grid, starting and ending outside it</source>
            <translation>该线没有把网格分成两部分：请从网格外开始画线，穿过网格，并在网格外结束</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="545" />
            <source>The number of communities must be between 1 and 999, not {n}</source>
            <translation>社区数量必须在 1 到 999 之间，当前为 {n}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/network.py" line="67" />
            <source>The road network has no lines</source>
            <translation>路网中没有线要素</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/editing.py" line="92" />
            <source>The selected grids are not contiguous: their union has {parts} separate parts</source>
            <translation>所选网格不相连：合并后会有 {parts} 个互不相连的部分</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/divide.py" line="563" />
            <source>The target must be a positive number of households, not {n}</source>
            <translation>目标户数必须大于 0，当前为 {n}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="631" />
            <source>The target number of households per grid must be positive, not {n}</source>
            <translation>每个网格的目标户数必须大于 0，当前为 {n}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/divide.py" line="566" />
            <source>The tolerance must be at least 0 and below 1, not {n}</source>
            <translation>容差必须不小于 0 且小于 1，当前为 {n}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="80" />
            <source>The walking speed must be positive (m/s); got {value}</source>
            <translation>步行速度（米/秒）必须大于 0，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/editing.py" line="228" />
            <source>There is no current grid {code}</source>
            <translation>不存在当前有效的网格 {code}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="71" />
            <source>Thresholds must be positive minutes; got {value}</source>
            <translation>时间阈值必须是大于 0 的分钟数，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="93" />
            <source>Tiers (minutes, comma-separated)</source>
            <translation>圈层时间（分钟，逗号分隔）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="128" />
            <source>Tolerance</source>
            <translation>容差</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="72" />
            <source>Tolerance (fraction of the target, 0.2 = ±20 %)</source>
            <translation>容差（占目标户数的比例，0.2 = ±20%）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/codes.py" line="63" />
            <source>Unknown coding scheme {scheme}; choose DB11 or CJT349</source>
            <translation>无法识别编码方案 {scheme}，请选择 DB11 或 CJT349</translation>
        </message>
        <message>
            <location filename="../../layers/workspace.py" line="121" />
            <location filename="../../processing/analysis/tables.py" line="514" />
            <source>Unknown coordinate reference system {crs}</source>
            <translation>无法识别坐标参考系 {crs}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/coords.py" line="300" />
            <source>Unknown coordinate system {name}: use one of {choices}</source>
            <translation>无法识别坐标系 {name}，请使用以下之一：{choices}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="155" />
            <source>Unknown encoding {encoding}; use one of: {encodings}</source>
            <translation>无法识别字符编码 {encoding}，请使用以下之一：{encodings}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="744" />
            <source>Unknown kind {kind}; choose one of: {kinds}</source>
            <translation>无法识别记录类型 {kind}，请选择以下之一：{kinds}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="98" />
            <source>Unseen key places</source>
            <translation>未被看到的重点部位</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="99" />
            <source>Unseen parts of public spaces</source>
            <translation>公共空间中未被看到的部分</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="152" />
            <source>Validate</source>
            <translation>校验</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="175" />
            <source>Validate again after every edit</source>
            <translation>每次编辑后自动重新校验</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/tasks.py" line="25" />
            <source>Validating grids</source>
            <translation>正在校验网格</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="579" />
            <source>Validating {count} grids…</source>
            <translation>正在校验 {count} 个网格…</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="599" />
            <source>Validation canceled</source>
            <translation>校验已取消</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="617" />
            <source>Validation problems</source>
            <translation>校验问题</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="66" />
            <source>Versioned grids (valid_from / valid_to), instead of the two layers</source>
            <translation>带版本的网格（valid_from / valid_to），可代替上面两个图层</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="158" />
            <source>Viewsheds</source>
            <translation>视域</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="91" />
            <source>Viewsheds (instead of cameras and obstacles)</source>
            <translation>视域（可代替视频监控和障碍物）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="86" />
            <source>WKT field {field}: a {found} cannot go into the point layer {layer}</source>
            <translation>WKT 列 {field}：{found} 不能写入点图层 {layer}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="85" />
            <source>WKT field {field}: {value} is not valid WKT</source>
            <translation>WKT 列 {field}：{value} 不是有效的 WKT</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="76" />
            <source>WKT geometry column</source>
            <translation>WKT 几何列</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="21" />
            <source>Walking isochrones on the road network</source>
            <translation>基于路网的步行等时圈</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="57" />
            <location filename="../../processing/algorithms/service_circles.py" line="90" />
            <location filename="../../processing/algorithms/shelter_check.py" line="72" />
            <source>Walking speed (m/s)</source>
            <translation>步行速度（米/秒）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="69" />
            <source>Walking time to a shelter (minutes)</source>
            <translation>到避难场所的步行时间（分钟）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="54" />
            <source>Walking times (minutes, comma-separated)</source>
            <translation>步行时间（分钟，逗号分隔）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="104" />
            <source>Weight of each origin (e.g. households)</source>
            <translation>各起点的权重（如户数）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="29" />
            <source>Where to add cameras</source>
            <translation>视频监控补点选址</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="66" />
            <source>Workspace</source>
            <translation>工作空间</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="31" />
            <source>Workspace CRS</source>
            <translation>工作空间坐标参考系</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="29" />
            <location filename="../../processing/algorithms/import_osm.py" line="74" />
            <location filename="../../processing/algorithms/import_table.py" line="84" />
            <source>Workspace GeoPackage</source>
            <translation>工作空间 GeoPackage 文件</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="78" />
            <source>Workspace file</source>
            <translation>工作空间文件</translation>
        </message>
        <message>
            <location filename="../../layers/project.py" line="43" />
            <location filename="../../layers/workspace.py" line="145" />
            <source>Workspace file {path} does not exist</source>
            <translation>工作空间文件 {path} 不存在</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="107" />
            <source>Workspace upgraded from schema version {old} to {new}</source>
            <translation>工作空间的数据结构已从版本 {old} 升级到 {new}</translation>
        </message>
        <message>
            <location filename="../../layers/styles.py" line="501" />
            <source>Workspace {path} has no layer {layer}</source>
            <translation>工作空间 {path} 中没有图层 {layer}</translation>
        </message>
        <message>
            <location filename="../../layers/migrations.py" line="65" />
            <source>Workspace {path} has schema version {found}, newer than this OneGrid ({supported}); update the plugin</source>
            <translation>工作空间 {path} 的数据结构版本为 {found}，高于当前一张网插件支持的版本（{supported}），请更新插件</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="95" />
            <source>Workspace {path} upgraded from schema version {old} to {new}</source>
            <translation>工作空间 {path} 的数据结构已从版本 {old} 升级到 {new}</translation>
        </message>
        <message>
            <location filename="../../layers/project.py" line="99" />
            <source>Workspace {path} upgraded from schema version {old} to {new}: {changes}</source>
            <translation>工作空间 {path} 的数据结构已从版本 {old} 升级到 {new}：{changes}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="126" />
            <source>Writing layer {layer}</source>
            <translation>正在写入图层 {layer}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="72" />
            <source>X / longitude column</source>
            <translation>X / 经度列</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="74" />
            <source>Y / latitude column</source>
            <translation>Y / 纬度列</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="355" />
            <location filename="../../grid_plugin/grid_edit.py" line="390" />
            <location filename="../../grid_plugin/grid_edit.py" line="549" />
            <source>base grid</source>
            <translation>基础网格</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="418" />
            <source>buildings</source>
            <translation>楼栋</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="203" />
            <source>{changed} of {total} grids got a new {scheme} code, {kept} kept theirs; {closed} closed versions left as they were (measured in EPSG:{epsg})</source>
            <translation>{total} 个网格中有 {changed} 个获得新的 {scheme} 编码，{kept} 个保留原编码；{closed} 个已失效版本保持不变（在 EPSG:{epsg} 中量算）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="315" />
            <source>{column} is not a column of {file}; its columns are: {columns}</source>
            <translation>{column} 不是 {file} 中的列；该文件的列为：{columns}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="164" />
            <source>{converted} features inside China converted, {unchanged} outside China or without geometry left unchanged</source>
            <translation>中国大陆范围内的 {converted} 个要素已转换，范围外或无几何的 {unchanged} 个要素保持不变</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="84" />
            <source>{count} areas for {facilities} facilities</source>
            <translation>为 {facilities} 处设施生成了 {count} 个等时圈</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="168" />
            <source>{count} base grids are in no {grid_type} grid</source>
            <translation>有 {count} 个基础网格不属于任何 {grid_type} 网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="143" />
            <source>{count} building outlines in {path} were invalid and have been repaired</source>
            <translation>{path} 中有 {count} 个楼栋轮廓无效，已自动修复</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="154" />
            <source>{count} buildings in {path} have a building:levels value that is not a number of floors; their floors are left empty</source>
            <translation>{path} 中有 {count} 个楼栋的 building:levels 值不是楼层数，其层数留空</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="148" />
            <source>{count} buildings in {path} were not imported: their outline is broken or has no area (usually ways cut at the edge of the extract)</source>
            <translation>{path} 中有 {count} 个楼栋未导入：轮廓残缺或面积为零（通常是在数据范围边缘被截断的 way）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="112" />
            <source>{count} buildings of {layer} are outside every community and belong to no grid</source>
            <translation>{layer} 中有 {count} 个楼栋不在任何社区内，不属于任何网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="104" />
            <source>{count} buildings of {layer} hold more than {high} households; each is a grid of its own (feature ids {ids})</source>
            <translation>{layer} 中有 {count} 个楼栋的户数超过 {high} 户，各自单独成为一个网格（要素 ID：{ids}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="24" />
            <source>{count} cameras of {layer} have an azimuth outside 0-360: taken modulo 360 (feature ids {ids})</source>
            <translation>{layer} 中有 {count} 个监控的朝向超出 0-360 度，已按 360 取模（要素 ID：{ids}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="26" />
            <source>{count} cameras of {layer} have no field of view above 0 and up to 360 degrees (and no lens to derive one): no viewshed (feature ids {ids})</source>
            <translation>{layer} 中有 {count} 个监控没有大于 0 且不超过 360 度的视场角（也没有可据以推算的镜头焦距），不生成视域（要素 ID：{ids}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="32" />
            <source>{count} cameras of {layer} have no position: no viewshed (feature ids {ids})</source>
            <translation>{layer} 中有 {count} 个监控没有位置，不生成视域（要素 ID：{ids}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="29" />
            <source>{count} cameras of {layer} have no range above 0 m (and no lens and resolution for the DORI level): no viewshed (feature ids {ids})</source>
            <translation>{layer} 中有 {count} 个监控没有大于 0 米的有效距离（也没有可按 DORI 等级推算的镜头焦距和分辨率），不生成视域（要素 ID：{ids}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="22" />
            <source>{count} cameras of {layer} stand inside a building: no viewshed (feature ids {ids})</source>
            <translation>{layer} 中有 {count} 个监控位于楼栋内部，不生成视域（要素 ID：{ids}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="97" />
            <source>{count} candidate cameras</source>
            <translation>候选点位 {count} 个</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="170" />
            <source>{count} conflicts (pieces of {low:.0%} to {high:.0%} of a base grid)</source>
            <translation>{count} 处冲突（占基础网格面积 {low:.0%} 至 {high:.0%} 的图斑）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="417" />
            <source>{count} facilities of {layer} are farther than {distance} m from any road and get no area; feature ids {ids}</source>
            <translation>{layer} 中有 {count} 处设施距任何道路都超过 {distance} 米，不生成等时圈；要素 ID：{ids}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="194" />
            <source>{count} facilities of {layer} have no {field} and are ignored</source>
            <translation>{layer} 中有 {count} 处设施缺少 {field}，已忽略</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="153" />
            <source>{count} features in {output}</source>
            <translation>{output} 中有 {count} 个要素</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="129" />
            <source>{count} features of {layer} have invalid geometries; they are converted vertex by vertex and kept as they are</source>
            <translation>{layer} 中有 {count} 个要素的几何无效；这些要素将逐个节点转换，几何本身不做修复</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="70" />
            <source>{count} features of {layer} have no geometry and belong to no grid: {ids}</source>
            <translation>{layer} 中有 {count} 个要素没有几何，不属于任何网格：{ids}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="147" />
            <source>{count} grids of {layer} name a community code that is not in {communities} (feature ids {ids})</source>
            <translation>{layer} 中有 {count} 个网格的社区编码在 {communities} 中不存在（要素 ID：{ids}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="153" />
            <source>{count} grids span communities (feature ids {ids}); they are numbered in the spanning range</source>
            <translation>有 {count} 个网格跨社区（要素 ID：{ids}），按跨社区网格的号段编号</translation>
        </message>
        <message>
            <location filename="../../processing/adapter.py" line="73" />
            <source>{count} invalid geometries of {layer} were repaired (feature ids {ids})</source>
            <translation>已修复 {layer} 中 {count} 个无效几何（要素 ID：{ids}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="117" />
            <source>{count} objects of layer {layer} are already in the workspace and were skipped (set REPLACE to refresh them)</source>
            <translation>图层 {layer} 中有 {count} 个对象已在工作空间中，已跳过（如需更新，请设置 REPLACE）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="171" />
            <source>{count} origins of {layer} are farther than {distance} m from any road and get no value (feature id: distance m) {items}</source>
            <translation>{layer} 中有 {count} 个起点距任何道路都超过 {distance} 米，不计算结果（要素 ID：距离米数）{items}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="179" />
            <source>{count} origins of {layer} are on road pieces disconnected from the largest network component ({size} nodes); feature ids {ids}</source>
            <translation>{layer} 中有 {count} 个起点位于与最大连通路网（{size} 个节点）不相连的路段上；要素 ID：{ids}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="486" />
            <source>{count} overlaps between facilities' areas could not be cut between their roads and went to the facility listed first</source>
            <translation>有 {count} 处设施等时圈之间的重叠无法按道路分割，已归给排在前面的设施</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/repair_grids.py" line="106" />
            <source>{count} pieces moved</source>
            <translation>已移交 {count} 个图斑</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/repair_grids.py" line="94" />
            <source>{count} pieces touch no grid they could join and were left as they are</source>
            <translation>有 {count} 个图斑不与任何可并入的网格相邻，保持原样</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/align_grids.py" line="67" />
            <source>{count} professional grids aligned; {area:.0f} square metres moved in all</source>
            <translation>已对齐 {count} 个专业网格，共调整面积 {area:.0f} 平方米</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="631" />
            <source>{count} shelters of {layer} have no {field}; their capacity is unknown; feature ids {ids}</source>
            <translation>{layer} 中有 {count} 个避难场所缺少 {field}，容量未知；要素 ID：{ids}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="163" />
            <source>{count} viewsheds, {area} m2 in all</source>
            <translation>视域 {count} 个，总面积 {area} 平方米</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/align_grids.py" line="63" />
            <source>{count} {grid_type} grids hold the largest share of no base grid and are not in the output: {ids}</source>
            <translation>有 {count} 个 {grid_type} 网格在任何基础网格中都不占最大面积份额，未写入输出：{ids}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/change.py" line="48" />
            <source>{date} is not a date</source>
            <translation>{date} 不是日期</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="75" />
            <source>{field_zh} ({field}) is required but empty</source>
            <translation>{field_zh}（{field}）为必填项，但未填写</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="79" />
            <source>{field_zh} ({field}): {value} is not a date (write it as 2024-01-31)</source>
            <translation>{field_zh}（{field}）：{value} 不是日期（请写成 2024-01-31）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="80" />
            <source>{field_zh} ({field}): {value} is not a date and time (write it as 2024-01-31 08:30)</source>
            <translation>{field_zh}（{field}）：{value} 不是日期时间（请写成 2024-01-31 08:30）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="78" />
            <source>{field_zh} ({field}): {value} is not a number</source>
            <translation>{field_zh}（{field}）：{value} 不是数字</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="77" />
            <source>{field_zh} ({field}): {value} is not a whole number</source>
            <translation>{field_zh}（{field}）：{value} 不是整数</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="76" />
            <source>{field_zh} ({field}): {value} is not one of the allowed values: {allowed}</source>
            <translation>{field_zh}（{field}）：{value} 不在允许的取值范围内，可填：{allowed}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="82" />
            <source>{field_zh} ({field}): {value} is not yes or no (write 1/0, yes/no or 是/否)</source>
            <translation>{field_zh}（{field}）：{value} 不是“是”或“否”（请填写 1/0、yes/no 或 是/否）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="170" />
            <source>{file} could not be decoded as UTF-8 or GB18030 (GBK); save it as UTF-8 CSV or as .xlsx</source>
            <translation>{file} 无法按 UTF-8 或 GB18030（GBK）解码，请将其另存为 UTF-8 编码的 CSV 文件或 .xlsx 文件</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="199" />
            <source>{file} could not be read as a table: {detail}</source>
            <translation>无法将 {file} 作为表格读取：{detail}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="226" />
            <source>{file} could not be read as an Excel workbook: {detail}</source>
            <translation>无法将 {file} 作为 Excel 工作簿读取：{detail}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="115" />
            <source>{file} has a header but no data rows</source>
            <translation>{file} 只有表头，没有数据行</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="757" />
            <source>{file} has no column for the required field {field_zh} ({field}); its columns are: {columns}</source>
            <translation>{file} 中没有对应必填字段 {field_zh}（{field}）的列；该文件的列为：{columns}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="235" />
            <location filename="../../processing/analysis/tables.py" line="241" />
            <source>{file} has no sheet {sheet}; its sheets are: {sheets}</source>
            <translation>{file} 中没有工作表 {sheet}；现有工作表为：{sheets}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="281" />
            <source>{file} has two columns named {column}; rename one</source>
            <translation>{file} 中有两列都名为 {column}，请重命名其中一列</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="133" />
            <source>{file} is an old Excel .xls workbook, which cannot be read; open it in Excel or WPS and save it as .xlsx</source>
            <translation>{file} 是旧版 Excel .xls 工作簿，无法读取；请用 Excel 或 WPS 打开后另存为 .xlsx</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="151" />
            <location filename="../../processing/analysis/tables.py" line="180" />
            <location filename="../../processing/analysis/tables.py" line="264" />
            <source>{file} is empty: it has no header row</source>
            <translation>{file} 为空：没有表头行</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="142" />
            <source>{file} is not a table OneGrid can read: use .csv, .txt or .xlsx</source>
            <translation>{file} 不是一张网能读取的表格，请使用 .csv、.txt 或 .xlsx 文件</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="160" />
            <source>{file} is not valid {encoding} text (byte {position}); choose another encoding or automatic detection</source>
            <translation>{file} 不是有效的 {encoding} 文本（字节位置 {position}），请选择其他字符编码或自动检测</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="117" />
            <source>{grids} grids in {communities} communities (EPSG:{epsg}); {outside} outside {low:g}-{high:g} households</source>
            <translation>{communities} 个社区共划分 {grids} 个网格（EPSG:{epsg}）；其中 {outside} 个不在 {low:g}-{high:g} 户范围内</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="1389" />
            <source>{homes} home positions given for {devices} patrol devices</source>
            <translation>给出了 {homes} 个起始位置，与巡查设备数 {devices} 不一致</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/change.py" line="106" />
            <source>{ids} edited grids but {geometries} new geometries</source>
            <translation>编辑了 {ids} 个网格，但新几何有 {geometries} 个，两者数量应一致</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="152" />
            <source>{kind}: {count} records change grid</source>
            <translation>{kind}：{count} 条记录所属网格发生变化</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="674" />
            <source>{layer} has no location: leave the X, Y and WKT fields empty</source>
            <translation>{layer} 不含位置信息：请将 X、Y 和 WKT 列留空</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="128" />
            <source>{layer}: {old} grids valid on {start}, {new} on {end}</source>
            <translation>{layer}：{start} 有效的网格 {old} 个，{end} 有效的网格 {new} 个</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="122" />
            <source>{layer}: {share} % covered</source>
            <translation>{layer}：覆盖率 {share}%</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="156" />
            <source>{no_leader} grids without a grid leader, {no_full_time} without a full-time grid worker, {retired} staff whose grid is retired</source>
            <translation>{no_leader} 个网格没有网格长，{no_full_time} 个网格没有专职网格员，{retired} 名网格人员所在的网格已撤销</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="159" />
            <source>{origins} origins, {categories} categories: {deficient} origin and category pairs miss the {largest}-minute tier</source>
            <translation>{origins} 个起点、{categories} 个设施类别：有 {deficient} 个起点与类别组合未达到 {largest} 分钟圈层</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="108" />
            <source>{outside} of {origins} origins have no shelter within the time; {overloaded} of {shelters} shelters are overloaded</source>
            <translation>{origins} 个起点中有 {outside} 个在限定时间内无法到达避难场所；{shelters} 个避难场所中有 {overloaded} 个超载</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="102" />
            <source>{parameter} is not a valid date</source>
            <translation>{parameter} 不是有效日期</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="105" />
            <source>{parameter} is required with a versioned GRIDS layer</source>
            <translation>使用带版本的 GRIDS 图层时必须指定 {parameter}</translation>
        </message>
        <message>
            <location filename="../../layers/workspace.py" line="111" />
            <source>{path} already exists; choose another file or allow overwriting</source>
            <translation>{path} 已存在，请选择其他文件或允许覆盖</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="103" />
            <source>{path} is a GeoPackage but not a OneGrid workspace; create one with Create workspace</source>
            <translation>{path} 是 GeoPackage 文件，但不是一张网工作空间；请先用“新建工作空间”创建工作空间</translation>
        </message>
        <message>
            <location filename="../../layers/workspace.py" line="152" />
            <source>{path} is not a GeoPackage workspace</source>
            <translation>{path} 不是 GeoPackage 工作空间</translation>
        </message>
        <message>
            <location filename="../../layers/project.py" line="45" />
            <source>{path} is not a OneGrid workspace: it has none of the workspace layers</source>
            <translation>{path} 不是一张网工作空间：其中没有任何工作空间图层</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/osm.py" line="151" />
            <source>{path} is not an OpenStreetMap file (.osm, .osm.pbf) that GDAL can read</source>
            <translation>{path} 不是 GDAL 能读取的 OpenStreetMap 文件（.osm、.osm.pbf）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="92" />
            <source>{value} is not a list of numbers</source>
            <translation>{value} 不是数字列表（请用逗号分隔，如 5,10,15）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/base.py" line="48" />
            <location filename="../../processing/analysis/service.py" line="407" />
            <location filename="../../processing/analysis/service.py" line="581" />
            <source>{value} is not a valid {parameter}; choose one of: {options}</source>
            <translation>{value} 不是有效的 {parameter}，请选择以下之一：{options}</translation>
        </message>
    </context>
</TS>
