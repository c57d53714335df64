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
            <location filename="../../grid_plugin/plugin.py" line="69" />
            <location filename="../../grid_plugin/plugin.py" line="84" />
            <source>&amp;OneGrid</source>
            <translation>一张网(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="502" />
            <source>(no code)</source>
            <translation>（无编码）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="504" />
            <source>(no name)</source>
            <translation>（无姓名）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="43" />
            <source>15-minute life circles (walking time to facilities)</source>
            <translation>15 分钟生活圈（到设施的步行时间）</translation>
        </message>
        <message>
            <location filename="../../layers/postgis.py" line="149" />
            <source>A PostGIS workspace needs an EPSG coordinate reference system, not {crs}</source>
            <translation>PostGIS 工作空间需要使用 EPSG 坐标参考系，而不是 {crs}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="459" />
            <source>A closed event stays closed</source>
            <translation>已结案的事件不能再变更状态</translation>
        </message>
        <message>
            <location filename="../../layers/postgis.py" line="781" />
            <source>A database user name is ASCII letters, digits, _ . @ -, not {login}</source>
            <translation>数据库用户名只能由 ASCII 字母、数字和 _ . @ - 组成，当前为 {login}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="210" />
            <source>A full ID number or its last 4 or more characters, a name or its beginning, a phone number or its last digits</source>
            <translation>完整身份证号或其末尾 4 位及以上、姓名或姓名开头部分、电话号码或其尾号</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/quality.py" line="55" />
            <source>A required field is empty: {fields}</source>
            <translation>必填字段为空：{fields}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="130" />
            <source>A workspace GeoPackage (.gpkg), or a PostgreSQL URI or connection name</source>
            <translation>工作空间 GeoPackage 文件（.gpkg），或 PostgreSQL 的 URI 或连接名</translation>
        </message>
        <message>
            <location filename="../../layers/workspace.py" line="107" />
            <source>A workspace is a GeoPackage: {path} must end in .gpkg</source>
            <translation>工作空间是一个 GeoPackage 文件：{path} 的扩展名必须是 .gpkg</translation>
        </message>
        <message>
            <location filename="../../layers/postgis.py" line="274" />
            <source>A workspace schema name is lowercase ASCII letters, digits and underscores, not {schema}</source>
            <translation>工作空间模式名只能由小写 ASCII 字母、数字和下划线组成，当前为 {schema}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="228" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="78" />
            <source>Address field of the records</source>
            <translation>记录的地址字段</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/address.py" line="47" />
            <source>Address is empty</source>
            <translation>地址为空</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/address.py" line="49" />
            <source>Address {address} fits {count} buildings equally well</source>
            <translation>地址 {address} 与 {count} 个楼栋的匹配程度相同，无法确定</translation>
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
            <location filename="../../processing/algorithms/data_quality.py" line="174" />
            <source>All records: linkage {linkage} %, validity {validity} %; groups below target: {failed} of {groups}</source>
            <translation>全部记录：关联率 {linkage}%，有效率 {validity}%；未达标的分组：{failed}/{groups}</translation>
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
            <location filename="../../processing/algorithms/shelter_check.py" line="69" />
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
            <source>Assigns every origin (buildings or households with a population field) to its nearest emergency shelter by walking time along ROADS at SPEED (m/s), and flags origins that need more than MINUTES (default 10). OUTPUT: the origins with shelter (feature id), shelter_dist_m, shelter_time_min, within (reached within MINUTES) and shelter_reason when no shelter is reachable. SHELTERS_OUTPUT: the shelters with capacity_people, assigned_population, load (assigned over capacity) and overloaded. The capacity is CAPACITY_FIELD in people, or in m2 divided by AREA_PER_PERSON (m2 per person) when CAPACITY_UNIT is m2. Origins and shelters farther than SNAP_DISTANCE metres from any road are reported. Buildings start from their entrance (ENTRANCES, optional), else from the point of their outline nearest a road, or from their centroid with ANCHOR centroid.</source>
            <translation>将每个起点（带人口字段的楼栋或住户）分配给沿路网 ROADS 按步行速度 SPEED（米/秒）步行时间最短的应急避难场所，并标记步行时间超过 MINUTES 分钟（默认 10 分钟）的起点。OUTPUT：各起点及其避难场所，字段为 shelter（避难场所的要素 ID）、shelter_dist_m、shelter_time_min、within（是否在 MINUTES 分钟内到达），无法到达任何避难场所时给出原因 shelter_reason。SHELTERS_OUTPUT：各避难场所，字段为 capacity_people（可容纳人数）、assigned_population（分配到的人口）、load（分配人口与容量之比）和 overloaded（是否超载）。容量取自 CAPACITY_FIELD：CAPACITY_UNIT 为 people 时单位为人；为 m2 时单位为平方米，再除以 AREA_PER_PERSON（人均平方米数）换算为人数。距任何道路超过 SNAP_DISTANCE 米的起点和避难场所会在日志中列出。楼栋从其出入口（ENTRANCES，可选）出发；没有出入口时从其轮廓上距道路最近的点出发；ANCHOR 为 centroid 时从其质心出发。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="66" />
            <source>Barriers (roads, rivers)</source>
            <translation>分隔线（道路、河流）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="527" />
            <location filename="../../grid_plugin/house_lookup.py" line="533" />
            <source>Base grid</source>
            <translation>基础网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="29" />
            <source>Base grid id field</source>
            <translation>基础网格 ID 字段</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="107" />
            <location filename="../../processing/algorithms/divide_grids.py" line="76" />
            <location filename="../../processing/algorithms/link_records.py" line="94" />
            <source>Base grids</source>
            <translation>基础网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/event_report.py" line="61" />
            <location filename="../../processing/algorithms/service_circles.py" line="112" />
            <source>Base grids (polygons)</source>
            <translation>基础网格（面）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="96" />
            <source>Blind road pieces</source>
            <translation>监控盲区路段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="62" />
            <source>Buffer on each side of the roads (m)</source>
            <translation>道路两侧缓冲宽度（米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/base.py" line="140" />
            <source>Building entrances (points)</source>
            <translation>楼栋出入口（点）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="83" />
            <source>Building id field (empty: building_code, else feature id)</source>
            <translation>楼栋 ID 字段（留空：取 building_code，没有则取要素 ID）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/plugin.py" line="59" />
            <source>Building lookup</source>
            <translation>以房查人</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="511" />
            <source>Building {code}</source>
            <translation>楼栋 {code}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="462" />
            <source>Building {code} is not in the index</source>
            <translation>楼栋 {code} 不在索引中</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="470" />
            <source>Building {code}: {rooms} households, {people} residents</source>
            <translation>楼栋 {code}：{rooms} 户，{people} 人</translation>
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
            <location filename="../../processing/algorithms/import_tracks.py" line="103" />
            <source>CRS of the coordinates (EPSG:nnnn, WGS84, GCJ02 or BD09)</source>
            <translation>坐标所用的坐标参考系（EPSG:nnnn、WGS84、GCJ02 或 BD09）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="72" />
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
            <location filename="../../processing/algorithms/camera_coverage.py" line="95" />
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
            <location filename="../../processing/algorithms/camera_siting.py" line="51" />
            <source>Candidate cameras (optional)</source>
            <translation>候选点位（可选）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="61" />
            <source>Candidate field of view (degrees)</source>
            <translation>候选点位视场角（度）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="65" />
            <source>Candidate range (m)</source>
            <translation>候选点位有效距离（米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="57" />
            <source>Candidate spacing along roads (m)</source>
            <translation>沿道路布设候选点位的间距（米）</translation>
        </message>
        <message>
            <location filename="../../layers/postgis.py" line="103" />
            <source>Cannot connect to the PostgreSQL server {server}: {error}</source>
            <translation>无法连接 PostgreSQL 服务器 {server}：{error}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="147" />
            <source>Cannot create the output layer</source>
            <translation>无法创建输出图层</translation>
        </message>
        <message>
            <location filename="../../processing/adapter.py" line="322" />
            <source>Cannot create the output {name}</source>
            <translation>无法创建输出 {name}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="35" />
            <source>Cannot create the raster {path}</source>
            <translation>无法创建栅格 {path}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="65" />
            <source>Cannot index workspace {path}: {error}</source>
            <translation>无法为工作空间 {path} 建立索引：{error}</translation>
        </message>
        <message>
            <location filename="../../layers/postgis_qgis.py" line="55" />
            <location filename="../../layers/postgis_qgis.py" line="290" />
            <location filename="../../layers/project.py" line="54" />
            <source>Cannot open layer {layer} of workspace {path}</source>
            <translation>无法打开工作空间 {path} 中的图层 {layer}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="273" />
            <source>Cannot open workspace {path}: {error}</source>
            <translation>无法打开工作空间 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../../layers/postgis_qgis.py" line="76" />
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
            <location filename="../../processing/algorithms/shelter_check.py" line="63" />
            <source>Capacity field</source>
            <translation>容量字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="66" />
            <source>Capacity unit</source>
            <translation>容量单位</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="122" />
            <source>Categories expected (comma-separated)</source>
            <translation>应有的设施类别（逗号分隔）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="107" />
            <source>Cell size without grids (m)</source>
            <translation>无网格时的方格边长（米）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="197" />
            <source>Change</source>
            <translation>变更</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="219" />
            <source>Change status</source>
            <translation>变更状态</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="197" />
            <source>Changed at</source>
            <translation>变更时间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="213" />
            <source>Changed by</source>
            <translation>操作人</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/migrate_workspace.py" line="34" />
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
            <location filename="../../grid_plugin/events.py" line="474" />
            <source>Choose an event first</source>
            <translation>请先选择事件</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="190" />
            <location filename="../../grid_plugin/events.py" line="433" />
            <source>Choose an event in the list or on the map</source>
            <translation>请在列表或地图上选择事件</translation>
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
            <location filename="../../processing/algorithms/import_tracks.py" line="121" />
            <source>Cleaned GPS points</source>
            <translation>清洗后的 GPS 定位点</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="41" />
            <source>Cleaned GPS points (patrol_points or import_tracks' points)</source>
            <translation>清洗后的 GPS 定位点（patrol_points 或 import_tracks 输出的定位点）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="199" />
            <source>Click a building</source>
            <translation>点选楼栋</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="202" />
            <source>Click a building on the map to list its rooms, households and residents</source>
            <translation>在地图上点击楼栋，列出其房屋、住户和居住人员</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="164" />
            <source>Click an event on the map to choose it</source>
            <translation>在地图上点击事件以选中</translation>
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
            <location filename="../../processing/algorithms/incident_hotspots.py" line="135" />
            <source>Cold spots (90% or more)</source>
            <translation>冷点数（置信度 90% 及以上）</translation>
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
            <location filename="../../processing/algorithms/import_tracks.py" line="147" />
            <source>Columns used: device {device}, time {time}, x {x}, y {y}; encoding {encoding}</source>
            <translation>使用的列：设备 {device}，时间 {time}，X {x}，Y {y}；字符编码 {encoding}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="329" />
            <source>Columns {first} and {second} of {file} both match the field {field_zh} ({field}); rename or remove one</source>
            <translation>{file} 的 {first} 列和 {second} 列都对应字段 {field_zh}（{field}），请重命名或删除其中一列</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="217" />
            <source>Comment</source>
            <translation>说明</translation>
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
            <location filename="../../processing/algorithms/service_circles.py" line="115" />
            <source>Communities (polygons)</source>
            <translation>社区（面）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="86" />
            <source>Communities (to find grids that span communities)</source>
            <translation>社区（用于识别跨社区网格）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="530" />
            <source>Community</source>
            <translation>社区</translation>
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
            <location filename="../../processing/algorithms/link_records.py" line="99" />
            <source>Community field of the grids (empty: community_code)</source>
            <translation>网格图层的社区字段（留空：取 community_code）</translation>
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
            <location filename="../../processing/algorithms/grid_change_impact.py" line="26" />
            <source>Compares two versions of the grids: OLD_GRIDS and NEW_GRIDS, or one versioned GRIDS layer (valid_from / valid_to) read on DATE_FROM and on DATE_TO (a row is valid on a date when valid_from is empty or not after it and valid_to is empty or after it). ID_FIELD identifies a grid in both versions (default grid_code) and must be unique in each. OUTPUT: every building, household, person, organisation and open event (status not closed) whose grid changes, with kind, record_id (its code), from_grid and to_grid (empty outside every grid) and the point that decided (a building's representative point). Names, ID numbers and phones are never written. STAFFING: the grids of the new version without a grid leader (no_leader) or a full-time grid worker (no_full_time) in STAFF, and the staff whose grid is not in the new version (grid_retired). Staff with an end_date have left and are not counted. When every layer is a whole table of one PostGIS workspace, the comparison runs inside the database as SQL, with the same result.</source>
            <translation>比较两个版本的网格：OLD_GRIDS 和 NEW_GRIDS，或者一个带版本的 GRIDS 图层（valid_from / valid_to），分别按 DATE_FROM 和 DATE_TO 两个日期读取（某条记录在某日期有效，是指其 valid_from 为空或不晚于该日期，且 valid_to 为空或晚于该日期）。ID_FIELD 用于在两个版本中标识同一网格（默认为 grid_code），在每个版本中都必须唯一。OUTPUT：所属网格发生变化的每个楼栋、住户、实有人口、实有单位和未结事件（status 不为 closed），字段为 kind（记录类型）、record_id（记录编码）、from_grid 和 to_grid（不在任何网格内时为空），几何为据以判断归属的点（楼栋取其代表点）。姓名、公民身份号码和联系电话一律不写出。STAFFING：新版本中没有网格长（no_leader）或没有专职网格员（no_full_time）的网格（依据 STAFF 判断），以及所在网格已不在新版本中的网格人员（grid_retired）。填有 end_date 的人员已离岗，不计在内。当所有图层都是同一个 PostGIS 工作空间中的整张表时，比较在数据库内以 SQL 执行，结果相同。</translation>
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
            <location filename="../../processing/analysis/linking.py" line="586" />
            <source>Coordinates in {system} must be longitude and latitude; layer {layer} is in {crs}</source>
            <translation>{system} 坐标必须是经纬度；图层 {layer} 使用的是 {crs}</translation>
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
            <location filename="../../processing/algorithms/copy_workspace.py" line="15" />
            <source>Copies a whole workspace, row for row (same feature ids, values and geometries), from a GeoPackage into a new PostGIS workspace or from PostGIS into a new GeoPackage, with the default styles, and verifies the row count of every layer (a difference fails the copy). INPUT and OUTPUT: a GeoPackage file (.gpkg), a QGIS PostgreSQL connection name or a URI; SCHEMA: the database schema (default onegrid). Both workspaces must be at the current schema version (run onegrid:migrate_workspace first). Copying out of PostGIS takes the rows the connected user may read; the audit trail and the user-to-grid table stay in the database.</source>
            <translation>逐行复制整个工作空间（要素 ID、属性值和几何均保持不变）：从 GeoPackage 复制到新的 PostGIS 工作空间，或从 PostGIS 复制到新的 GeoPackage，同时复制默认样式，并核对每个图层的行数（行数不一致则复制失败）。INPUT 和 OUTPUT：GeoPackage 文件（.gpkg）、QGIS 中的 PostgreSQL 连接名或 URI；SCHEMA：数据库模式（默认为 onegrid）。两个工作空间都必须是当前数据结构版本（请先运行 onegrid:migrate_workspace）。从 PostGIS 复制出来时，只复制当前连接用户有权读取的记录；审计记录和用户与网格的对应表保留在数据库中。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/copy_workspace.py" line="53" />
            <source>Copy from a GeoPackage into a PostgreSQL database or back, not {source} to {target}</source>
            <translation>只能从 GeoPackage 复制到 PostgreSQL 数据库或反向复制，不能从 {source} 复制到 {target}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/copy_workspace.py" line="14" />
            <source>Copy workspace between GeoPackage and PostGIS</source>
            <translation>在 GeoPackage 与 PostGIS 之间复制工作空间</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/copy_workspace.py" line="74" />
            <source>Copying schema {schema} of {database} into {target}</source>
            <translation>正在将 {database} 的模式 {schema} 复制到 {target}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/copy_workspace.py" line="63" />
            <source>Copying {source} into schema {schema} of {database}</source>
            <translation>正在将 {source} 复制到 {database} 的模式 {schema}</translation>
        </message>
        <message>
            <location filename="../../layers/postgis.py" line="1015" />
            <source>Copying {source} to {target} lost rows: {layers}</source>
            <translation>从 {source} 复制到 {target} 时丢失了记录：{layers}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="94" />
            <source>Coverage per grid</source>
            <translation>各网格覆盖率</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="18" />
            <source>Create workspace</source>
            <translation>新建工作空间</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="19" />
            <source>Creates a new OneGrid workspace: a GeoPackage with every governance layer (communities, base and professional grids, staff, parcels, buildings, households, people, organisations, events, components, cameras, patrol points, facilities, roads, rejected rows), Chinese field names, drop-down value maps and default styles. CRS: the workspace's coordinate reference system (default CGCS2000, EPSG:4490); analyses project to metres themselves. DATABASE (instead of a file): a QGIS PostgreSQL connection name or a URI (postgresql://user@host/db or dbname=… host=…) builds the same workspace in the PostGIS schema SCHEMA (default onegrid), with the roles onegrid_admin, onegrid_grid_office, onegrid_grid_worker, onegrid_police and onegrid_planner, row-level security by grid, masked views of personal fields, an audit trail and row versions that stop lost edits; styles go into the database's layer_styles.</source>
            <translation>新建一个一张网工作空间：一个 GeoPackage 文件，包含全部网格化治理图层（社区、基础网格和专业网格、网格人员、宗地、楼栋、房屋/住户、实有人口、实有单位、事件、部件、视频监控、巡查轨迹点、公共服务设施、道路、导入被拒记录），并带有中文字段名、下拉取值映射和默认样式。CRS：工作空间的坐标参考系（默认为 CGCS2000，EPSG:4490）；各项分析会自行投影到以米为单位的坐标系，无需另行设置。DATABASE（代替文件）：QGIS 中的 PostgreSQL 连接名或 URI（postgresql://user@host/db 或 dbname=… host=…），在 PostGIS 模式 SCHEMA（默认为 onegrid）中建立同样的工作空间，并创建角色 onegrid_admin、onegrid_grid_office、onegrid_grid_worker、onegrid_police 和 onegrid_planner，按网格实施行级安全，为个人信息字段提供脱敏视图，记录审计日志，并用行版本防止编辑相互覆盖而丢失；样式保存在数据库的 layer_styles 表中。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="81" />
            <source>Creating workspace schema {schema} in {database}</source>
            <translation>正在 {database} 中创建工作空间模式 {schema}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="68" />
            <source>Creating workspace {path}</source>
            <translation>正在创建工作空间 {path}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/data_quality.py" line="24" />
            <source>Data quality scorecard</source>
            <translation>数据质量评分</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="54" />
            <source>Database (no password)</source>
            <translation>数据库（不含密码）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/copy_workspace.py" line="36" />
            <location filename="../../processing/algorithms/create_workspace.py" line="51" />
            <location filename="../../processing/algorithms/migrate_workspace.py" line="30" />
            <source>Database schema</source>
            <translation>数据库模式</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="75" />
            <source>Date of the new version</source>
            <translation>新版本日期</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="72" />
            <source>Date of the old version</source>
            <translation>旧版本日期</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="173" />
            <source>Deadline</source>
            <translation>办结时限</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="127" />
            <source>Deficient origins</source>
            <translation>未达标的起点</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="111" />
            <source>Deleted {count} rows imported from OpenStreetMap before from layer {layer}</source>
            <translation>已从图层 {layer} 删除此前从 OpenStreetMap 导入的 {count} 条记录</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="119" />
            <source>Density pixel size (m, 0: automatic)</source>
            <translation>密度像元大小（米，0 为自动）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="237" />
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="95" />
            <source>Device id column</source>
            <translation>设备编号列</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="44" />
            <source>Device id field</source>
            <translation>设备编号字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="99" />
            <source>Device id of a GPX file (default: the file name)</source>
            <translation>GPX 文件的设备编号（默认为文件名）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="126" />
            <source>Devices</source>
            <translation>设备数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="36" />
            <source>Devices with a single fix (kept, no line): {count}</source>
            <translation>只有一个定位点的设备（保留，不生成轨迹线）：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="113" />
            <source>Distance band (m, 0: automatic)</source>
            <translation>距离阈值（米，0 为自动）</translation>
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
            <location filename="../../grid_plugin/dock.py" line="214" />
            <source>Enter the path of a workspace GeoPackage or a PostgreSQL connection first</source>
            <translation>请先输入工作空间 GeoPackage 文件的路径或 PostgreSQL 连接</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="55" />
            <source>Event at row {row} has no event code</source>
            <translation>第 {row} 行的事件没有事件编号</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="155" />
            <location filename="../../grid_plugin/events.py" line="173" />
            <source>Event code</source>
            <translation>事件编号</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/event_report.py" line="59" />
            <source>Event history (table)</source>
            <translation>事件流转记录（表）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/event_report.py" line="38" />
            <source>Event loop report (per grid and unit)</source>
            <translation>事件闭环统计（按网格和责任单位）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="123" />
            <source>Event type {type} has no handling time limit; known types: {types}</source>
            <translation>事件类型 {type} 没有办结时限；已知类型：{types}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/plugin.py" line="56" />
            <source>Event workflow</source>
            <translation>事件流转</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="196" />
            <source>Event {event} cannot go from {from_status} to {to_status} at {when}: it was last changed later ({last})</source>
            <translation>事件 {event} 不能在 {when} 从“{from_status}”变为“{to_status}”：其上次变更时间更晚（{last}）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="191" />
            <source>Event {event} cannot go from {from_status} to {to_status} at {when}: that is before it was reported ({reported})</source>
            <translation>事件 {event} 不能在 {when} 从“{from_status}”变为“{to_status}”：该时间早于上报时间（{reported}）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="202" />
            <source>Event {event} cannot go from {from_status} to {to_status} without a comment saying why the verification failed</source>
            <translation>事件 {event} 从“{from_status}”变为“{to_status}”时必须在说明中填写核查未通过的原因</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="181" />
            <source>Event {event} cannot go from {from_status} to {to_status}: a closed event stays closed</source>
            <translation>事件 {event} 不能从“{from_status}”变为“{to_status}”：已结案的事件不能再变更状态</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="176" />
            <source>Event {event} cannot go from {from_status} to {to_status}: its status is not one of the loop's; repair it first</source>
            <translation>事件 {event} 不能从“{from_status}”变为“{to_status}”：其当前状态不属于闭环流程，请先修正</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="184" />
            <source>Event {event} cannot go from {from_status} to {to_status}; allowed: {allowed}</source>
            <translation>事件 {event} 不能从“{from_status}”变为“{to_status}”；允许的状态：{allowed}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="71" />
            <source>Event {event} failed verification {count} times but is not escalated</source>
            <translation>事件 {event} 已 {count} 次核查未通过，但未督办</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="59" />
            <source>Event {event} has no valid report time</source>
            <translation>事件 {event} 没有有效的上报时间</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="60" />
            <source>Event {event} is closed but has no closing time</source>
            <translation>事件 {event} 已结案，但没有结案时间</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="73" />
            <source>Event {event} is escalated after only {count} failed verifications</source>
            <translation>事件 {event} 仅 {count} 次核查未通过即已督办</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="65" />
            <source>Event {event} is {status} but already has a deadline (the clock starts at dispatch)</source>
            <translation>事件 {event} 状态为“{status}”，但已有办结时限（办结时限从派单时起算）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="61" />
            <source>Event {event} is {status} but has a closing time</source>
            <translation>事件 {event} 状态为“{status}”，但有结案时间</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="63" />
            <source>Event {event} is {status} but has no deadline (the clock starts at dispatch)</source>
            <translation>事件 {event} 状态为“{status}”，但没有办结时限（办结时限从派单时起算）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="69" />
            <source>Event {event} is {status} but has {count} failed verifications (only a verified event can fail)</source>
            <translation>事件 {event} 状态为“{status}”，但有 {count} 次核查未通过（只有经过核查的事件才可能核查未通过）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="75" />
            <source>Event {event} is {status} but its last recorded change went to {history_status}</source>
            <translation>事件 {event} 状态为“{status}”，但流转记录中最后一次变更为“{history_status}”</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="62" />
            <source>Event {event} was closed before it was reported</source>
            <translation>事件 {event} 的结案时间早于上报时间</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="58" />
            <source>Event {event}: event type {type} is unknown, so it has no deadline</source>
            <translation>事件 {event}：无法识别事件类型 {type}，因此无法确定办结时限</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="68" />
            <source>Event {event}: failed verifications {value} is not a count</source>
            <translation>事件 {event}：核查未通过次数 {value} 不是有效的次数</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="57" />
            <source>Event {event}: status {status} is not one of {statuses}</source>
            <translation>事件 {event}：状态 {status} 不属于 {statuses}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="67" />
            <source>Event {event}: the deadline is before the report time</source>
            <translation>事件 {event}：办结时限早于上报时间</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="56" />
            <source>Event {event}: the event code is used {count} times</source>
            <translation>事件 {event}：该事件编号重复使用了 {count} 次</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="77" />
            <source>Event {event}: the history records an illegal change from {from_status} to {to_status} at {at}</source>
            <translation>事件 {event}：流转记录中有非法变更：{at} 从“{from_status}”变为“{to_status}”</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/events.py" line="171" />
            <source>Event {event}: the time of the change {when} is not a date-time</source>
            <translation>事件 {event}：变更时间 {when} 不是有效的日期时间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="492" />
            <source>Event {event}: {from_status} -&gt; {to_status}</source>
            <translation>事件 {event}：{from_status} → {to_status}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="523" />
            <source>Event {event}: {status}</source>
            <translation>事件 {event}：{status}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/event_report.py" line="57" />
            <location filename="../../processing/algorithms/event_report.py" line="77" />
            <location filename="../../processing/algorithms/grid_change_impact.py" line="86" />
            <source>Events</source>
            <translation>事件</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="570" />
            <source>Events ({n})</source>
            <translation>事件（{n}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/event_report.py" line="73" />
            <location filename="../../processing/algorithms/event_report.py" line="78" />
            <source>Events in illegal states</source>
            <translation>状态非法的事件</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/event_report.py" line="69" />
            <source>Events per grid</source>
            <translation>各网格事件统计</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/event_report.py" line="71" />
            <source>Events per responsible unit</source>
            <translation>各责任单位事件统计</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/event_report.py" line="75" />
            <source>Events with overdue flags</source>
            <translation>带超时标记的事件</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/hotspots.py" line="534" />
            <source>Every zone has the same number of incidents: Gi* is undefined</source>
            <translation>每个统计单元的事件数都相同，无法计算 Gi*</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="51" />
            <location filename="../../processing/algorithms/service_circles.py" line="98" />
            <source>Facilities</source>
            <translation>公共服务设施</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="81" />
            <source>Facilities imported</source>
            <translation>已导入公共服务设施数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="101" />
            <source>Facility category field</source>
            <translation>设施类别字段</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="202" />
            <source>Facility category {category} of {layer} is empty: no facility has {field} = {category}</source>
            <translation>{layer} 中设施类别 {category} 为空：没有 {field} = {category} 的设施</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="162" />
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
            <location filename="../../processing/algorithms/grid_change_impact.py" line="78" />
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
            <location filename="../../processing/analysis/tracks.py" line="315" />
            <source>File {path} does not exist</source>
            <translation>文件 {path} 不存在</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="20" />
            <source>Finds every problem of a grid layer and writes one polygon per problem with error_type, grid_ids (the ids involved, comma-separated), parent_id, area_m2 and detail. Error types: gap (inside each community of PARENTS, or inside the outline of the grids without PARENTS, an area no grid covers), overlap (the area two grids share, including a grid inside another), outside_parent and crosses_parent (the part of a grid outside the community it shares most area with: outside every community, or inside another one), multipart, invalid (repaired for the other checks), sliver (a grid part smaller than SLIVER_AREA square metres or with a mean width, 2 × area / perimeter, under SLIVER_WIDTH metres; gap and overlap pieces that thin say so in their detail), too_few_households / too_many_households (the households of the BUILDINGS whose representative point lies in the grid, outside MIN_HOUSEHOLDS - MAX_HOUSEHOLDS), duplicate_code (CODE_FIELD, by default ID_FIELD) and no_staff (no current leader 网格长 or full_time 专职网格员 in the STAFF table, matched on its grid_code). Gaps, overlaps and crossings of up to 0.001 square metres are float noise and not reported. Every gap and overlap that QGIS's Topology Checker rules "must not have gaps" and "must not overlap" find is found. Closed versions of a versioned layer (valid_to today or earlier) are history and not checked. The work is done in metres (layers in degrees are projected automatically, other layers transformed to the grids' CRS); the problems are written in the grids' CRS.</source>
            <translation>找出网格图层中的所有问题，每个问题输出一个面，字段为 error_type、grid_ids（涉及的网格 ID，逗号分隔）、parent_id、area_m2 和 detail。问题类型：gap（缝隙：在 PARENTS 的每个社区内，或未指定 PARENTS 时在全部网格的外轮廓内，没有任何网格覆盖的区域）；overlap（重叠：两个网格共有的区域，包括一个网格位于另一个网格内部的情况）；outside_parent 和 crosses_parent（网格超出其所属社区（与之共有面积最大的社区）的部分：前者位于所有社区之外，后者位于另一个社区之内）；multipart（多部件）；invalid（几何无效，修复后再参与其他检查）；sliver（狭长碎片：面积小于 SLIVER_AREA 平方米，或平均宽度（2 × 面积 / 周长）小于 SLIVER_WIDTH 米的网格部件；同样狭窄的缝隙和重叠会在 detail 中注明）；too_few_households / too_many_households（户数过少 / 过多：代表点位于网格内的 BUILDINGS 楼栋户数合计不在 MIN_HOUSEHOLDS - MAX_HOUSEHOLDS 范围内）；duplicate_code（编码重复，检查 CODE_FIELD，默认为 ID_FIELD）以及 no_staff（在 STAFF 表中按 grid_code 匹配不到在岗的网格长 leader 或专职网格员 full_time）。不超过 0.001 平方米的缝隙、重叠和越界属于浮点误差，不予报告。QGIS 拓扑检查器（Topology Checker）的“不得有缝隙”（must not have gaps）和“不得重叠”（must not overlap）规则能发现的缝隙和重叠，本工具都能发现。带版本图层中已失效的版本（valid_to 为今天或更早）属于历史记录，不做检查。计算以米为单位进行（以度为单位的图层会自动投影，其他图层会转换到网格图层的坐标参考系）；问题以网格图层的坐标参考系写出。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="63" />
            <source>First day (local date, e.g. 2026-11-01; default the first fix's)</source>
            <translation>起始日期（当地日期，如 2026-11-01；默认为第一个定位点的日期）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="1435" />
            <source>Fix interval and walking speed must be positive</source>
            <translation>定位间隔和步行速度都必须大于 0</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="43" />
            <source>Fixes converted to WGS84: {count}</source>
            <translation>已转换为 WGS84 的定位点：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="125" />
            <source>Fixes kept</source>
            <translation>保留的定位点数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="123" />
            <location filename="../../processing/algorithms/import_tracks.py" line="125" />
            <source>Fixes left out</source>
            <translation>剔除的定位点</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="30" />
            <source>Fixes left out, {reason}: {count}</source>
            <translation>剔除的定位点（{reason}）：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="33" />
            <source>Fixes out of time order in the input (sorted): {count}</source>
            <translation>输入中时间顺序错乱的定位点（已排序）：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="121" />
            <source>Fixes outside every grid (in no grid's visits): {count}</source>
            <translation>不在任何网格内的定位点（不计入任何网格的到访）：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="120" />
            <source>Fixes outside the period (left out): {count}</source>
            <translation>不在统计时段内的定位点（已剔除）：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="25" />
            <source>Fixes read: {input}; kept: {kept}; left out: {left}</source>
            <translation>读取定位点：{input}；保留：{kept}；剔除：{left}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="113" />
            <source>Fixes read: {input}; measured: {fixes} in {trips} trips of {devices} devices; days and half-days in {zone}</source>
            <translation>读取定位点：{input}；参与统计：{fixes}，分属 {devices} 台设备的 {trips} 个行程；日和半日按 {zone} 划分</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="117" />
            <source>Fixes whose time is not understood (left out): {count}</source>
            <translation>时间无法识别的定位点（已剔除）：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="115" />
            <source>Fixes without a device id (left out): {count}</source>
            <translation>没有设备编号的定位点（已剔除）：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="119" />
            <source>Fixes without a position (left out): {count}</source>
            <translation>没有位置的定位点（已剔除）：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="116" />
            <source>Fixes without a time (left out): {count}</source>
            <translation>没有时间的定位点（已剔除）：{count}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="517" />
            <source>Floor area</source>
            <translation>建筑面积</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="700" />
            <source>Floor area per household must be positive, not {n} m²</source>
            <translation>户均建筑面积必须大于 0，当前为 {n} m²</translation>
        </message>
        <message>
            <location filename="../../layers/pg_analysis.py" line="730" />
            <location filename="../../processing/analysis/quality.py" line="150" />
            <source>Floor area per resident must be positive, not {n} m²</source>
            <translation>人均建筑面积必须大于 0，当前为 {n} m²</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="515" />
            <source>Floors</source>
            <translation>层数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="22" />
            <source>For each facility and each of MINUTES (comma-separated), the area reachable on foot at SPEED (m/s): the roads reachable within the time, cut at the exact point where the time runs out, buffered by WIDTH metres on each side. The area never covers ground away from the reachable roads (unlike polygons interpolated between points). MODE per_facility gives one area per facility and time (areas of neighbouring facilities overlap); nearest_facility gives each piece of road to the facility that reaches it first, splitting a road where two facilities' times meet, and makes the areas of one time disjoint (ground within WIDTH of two facilities' roads goes to the facility whose road is nearer). Facilities farther than SNAP_DISTANCE metres from any road get no area. Each area keeps its facility's fields and gets facility (feature id), minutes and length_m (reachable road length in metres). A network in degrees is projected to a metric CRS, in which the output is written.</source>
            <translation>对每个设施和 MINUTES 中的每个时间（逗号分隔），计算按步行速度 SPEED（米/秒）步行可达的范围：取该时间内可到达的道路，在时间耗尽的准确位置截断，再向道路两侧各缓冲 WIDTH 米。该范围不会覆盖远离可达道路的地面（这一点不同于在点之间插值生成的面）。MODE 为 per_facility 时，每个设施的每个时间各生成一个范围（相邻设施的范围会相互重叠）；为 nearest_facility 时，每段道路归属最先到达它的设施，在两个设施的步行时间相等处截断道路，使同一时间的各个范围互不重叠（同时位于两个设施道路 WIDTH 米范围内的地面，归属道路更近的设施）。距任何道路超过 SNAP_DISTANCE 米的设施不生成范围。每个范围保留其设施的字段，并增加 facility（设施的要素 ID）、minutes 和 length_m（可达道路长度，米）。以度为单位的路网会投影到以米为单位的坐标参考系，输出也以该坐标参考系写出。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="44" />
            <source>For every origin (buildings or households), the walking distance (m) and time (min) along the road network to the nearest facility of each category of CATEGORY_FIELD, that facility's feature id and the tier met: fields &lt;category&gt;_dist_m, &lt;category&gt;_time_min, &lt;category&gt;_facility, &lt;category&gt;_tier (the smallest of THRESHOLDS met, in minutes) and &lt;category&gt;_reason (why the value is NULL: far_from_road, no_facility, island, unreachable, no_geometry), plus snap_m (metres from the origin to the road) and island (on a piece of network disconnected from the largest one). A polygon (a building) starts from its entrance: a point of ENTRANCES (e.g. OpenStreetMap entrance=* nodes) within 2 m of its outline, the one nearest a road when there are several; without one, from the point of its outline nearest the roads; with ANCHOR centroid, or when no road is within SNAP_DISTANCE, from its centroid (a point inside when the centroid falls outside). The field anchor says which: entrance, wall, centroid or point. Facilities that are polygons start the same way. The origins keep their own fields. Origins and facilities are connected to the nearest point of the nearest road (not the nearest crossing); the distances are exact shortest paths on the network, which is built from the lines' own vertices: lines that cross without a shared vertex (bridges) are not joined. SPEED is in metres per second (1.0 suits elderly walkers), THRESHOLDS in minutes (default 5,10,15, GB 50180-2018), SNAP_DISTANCE in metres. A network in degrees is projected to a metric CRS, in which the outputs are written. With GRIDS (base grids) and COMMUNITIES, GRIDS_OUTPUT and COMMUNITIES_OUTPUT give each polygon's origins, their weight (WEIGHT_FIELD, e.g. households; 1 each without it) and the share of that weight within each tier for each category. DEFICIENCY lists each origin and category beyond the largest threshold or unreachable; SUMMARY one row per category. CATEGORIES (comma-separated, optional) names the categories expected, so that an empty one is reported.</source>
            <translation>对每个起点（楼栋或住户），计算沿路网到 CATEGORY_FIELD 中每个设施类别最近设施的步行距离（米）和步行时间（分钟）、该设施的要素 ID 以及所达到的圈层：字段为 &lt;category&gt;_dist_m、&lt;category&gt;_time_min、&lt;category&gt;_facility、&lt;category&gt;_tier（满足的 THRESHOLDS 中最小的一个，单位为分钟）和 &lt;category&gt;_reason（值为 NULL 的原因：far_from_road、no_facility、island、unreachable、no_geometry），另有 snap_m（起点到道路的距离，米）和 island（是否位于与最大连通路网不相连的路段上）。面要素（楼栋）从其出入口出发：即 ENTRANCES 中距其轮廓 2 米以内的点（如 OpenStreetMap 的 entrance=* 节点），有多个时取距道路最近的一个；没有出入口时，从其轮廓上距道路最近的点出发；ANCHOR 为 centroid 时，或 SNAP_DISTANCE 范围内没有道路时，从其质心出发（质心落在面外时取面内一点）。字段 anchor 记录所用的方式：entrance、wall、centroid 或 point。面状设施的出发位置按同样方式确定。起点保留其自身的字段。起点和设施连接到最近道路上的最近点（而不是最近的路口）；距离是路网上的精确最短路径。路网由线要素自身的节点构成：相交但没有公共节点的线（如桥梁）不连通。SPEED 的单位为米/秒（1.0 适合老年人步行），THRESHOLDS 的单位为分钟（默认 5,10,15，依据 GB 50180-2018），SNAP_DISTANCE 的单位为米。以度为单位的路网会投影到以米为单位的坐标参考系，输出也以该坐标参考系写出。指定 GRIDS（基础网格）和 COMMUNITIES 时，GRIDS_OUTPUT 和 COMMUNITIES_OUTPUT 给出每个面内的起点、其权重（WEIGHT_FIELD，如户数；未指定时每个起点计 1）以及各设施类别每个圈层内的权重占比。DEFICIENCY 列出超出最大时间阈值或无法到达的每个起点与类别；SUMMARY 每个类别一行。CATEGORIES（逗号分隔，可选）列出应有的设施类别，以便报告没有任何设施的类别。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="160" />
            <source>Found {roads} roads, {buildings} buildings and {facilities} facilities ({categories})</source>
            <translation>找到道路 {roads} 条、楼栋 {buildings} 栋、公共服务设施 {facilities} 处（{categories}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/copy_workspace.py" line="32" />
            <source>From (GeoPackage file, PostgreSQL connection or URI)</source>
            <translation>复制来源（GeoPackage 文件、PostgreSQL 连接或 URI）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="92" />
            <source>GPS fixes (CSV, TXT, XLSX or GPX)</source>
            <translation>GPS 定位点（CSV、TXT、XLSX 或 GPX）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="94" />
            <source>GPS tracks (*.csv *.txt *.tsv *.xlsx *.gpx)</source>
            <translation>GPS 轨迹 (*.csv *.txt *.tsv *.xlsx *.gpx)</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="222" />
            <location filename="../../grid_plugin/dock.py" line="231" />
            <location filename="../../processing/algorithms/create_workspace.py" line="40" />
            <source>GeoPackage (*.gpkg)</source>
            <translation>GeoPackage 文件 (*.gpkg)</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="106" />
            <source>Geometry tolerance (metres)</source>
            <translation>几何容差（米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="122" />
            <source>Give OLD_GRIDS and NEW_GRIDS, or a versioned GRIDS layer with DATE_FROM and DATE_TO</source>
            <translation>请指定 OLD_GRIDS 和 NEW_GRIDS，或者指定带版本的 GRIDS 图层以及 DATE_FROM 和 DATE_TO</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/data_quality.py" line="104" />
            <source>Give a WORKSPACE or LINKED layers to score</source>
            <translation>请指定要评分的 WORKSPACE 或 LINKED 图层</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="67" />
            <location filename="../../processing/algorithms/migrate_workspace.py" line="39" />
            <source>Give a workspace GeoPackage file or a PostgreSQL database</source>
            <translation>请指定工作空间 GeoPackage 文件或 PostgreSQL 数据库</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="71" />
            <source>Give at least one threshold in minutes</source>
            <translation>请至少给出一个时间阈值（分钟）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="443" />
            <source>Give buildings to grid {code}</source>
            <translation>将楼栋划入网格 {code}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="163" />
            <source>Give either VIEWSHEDS or both CAMERAS and OBSTACLES</source>
            <translation>请指定 VIEWSHEDS，或同时指定 CAMERAS 和 OBSTACLES</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="680" />
            <source>Give either X and Y fields or a WKT field, not both</source>
            <translation>请指定 X、Y 列或 WKT 列二者之一，不能同时指定</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="159" />
            <location filename="../../processing/analysis/hotspots.py" line="468" />
            <source>Give the grids or a cell size</source>
            <translation>请指定网格或方格边长</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="36" />
            <source>Gives every grid a code. SCHEME DB11 (Beijing DB11/T 2157-2023): 15 digits = the community's 12-digit code (6 district GB/T 2260 + 3 street + 3 community) + a 3-digit sequence. SCHEME CJT349 (CJ/T 349-2010): 20 digits = OBJECT_CODE (6 digits) + the community's 12-digit code + a 2-digit sequence. Grids that span communities (when COMMUNITIES is given: more than one community holds at least 5 % of the grid's area) are numbered from 601 in DB11 (ordinary grids 001-600) and, as 601 cannot fit two digits, from 60 in CJT349 (ordinary grids 01-59). Within each community grids are numbered north to south, west to east: rows are bands as high as the median grid height, counted from the northernmost grid. Stable renumbering: with PREVIOUS_CODE_FIELD (the field holding the current codes), a grid keeps its code when the code is well formed for the scheme and its community and its geometry did not change (within TOLERANCE metres) since that code was given; on a versioned layer (valid_from/valid_to) the rows closed before today hold the geometry each code had, so a grid edited through the OneGrid panel gets a new code and every other grid keeps its own. New and changed grids take the next free numbers of their community; a code a retired grid had is never given again. Output: the grids with all their fields, grid_code (the new code) and code_changed. SCHEME accepts an index or a name (DB11, CJT349, 15, 20).</source>
            <translation>为每个网格编码。SCHEME 为 DB11（北京 DB11/T 2157-2023）时：15 位 = 社区的 12 位编码（6 位区县代码 GB/T 2260 + 3 位街道 + 3 位社区）+ 3 位顺序号。SCHEME 为 CJT349（CJ/T 349-2010）时：20 位 = OBJECT_CODE（6 位）+ 社区的 12 位编码 + 2 位顺序号。跨社区网格（指定 COMMUNITIES 时，有不止一个社区各占网格面积的 5% 以上）在 DB11 中从 601 起编号（普通网格为 001-600）；由于 601 无法用两位数表示，在 CJT349 中从 60 起编号（普通网格为 01-59）。每个社区内的网格自北向南、自西向东编号：从最北的网格算起，以网格高度的中位数为行高划分行。稳定重编号：指定 PREVIOUS_CODE_FIELD（存放现有编码的字段）时，如果网格的编码符合该方案和所属社区的格式，且自获得该编码以来几何没有变化（在 TOLERANCE 米以内），则保留原编码；对于带版本的图层（valid_from/valid_to），今天以前失效的记录保存了每个编码当时对应的几何，因此通过一张网面板编辑过的网格会获得新编码，其他网格各自保留原编码。新增和发生变化的网格依次取所在社区的下一个空闲编号；已撤销网格用过的编码不再重新分配。输出：带全部字段的网格，以及 grid_code（新编码）和 code_changed。SCHEME 可填写序号或名称（DB11、CJT349、15、20）。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="122" />
            <source>Greedy choice reaches {pct} % of the exact optimum</source>
            <translation>贪心选址结果达到精确最优解的 {pct}%</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="25" />
            <source>Grid change impact</source>
            <translation>网格调整影响分析</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="190" />
            <source>Grid code</source>
            <translation>网格编码</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="32" />
            <location filename="../../processing/algorithms/event_report.py" line="64" />
            <location filename="../../processing/algorithms/incident_hotspots.py" line="104" />
            <source>Grid code field</source>
            <translation>网格编码字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="66" />
            <source>Grid code field checked for duplicates (default: the id field)</source>
            <translation>检查重复的网格编码字段（默认为 ID 字段）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/plugin.py" line="53" />
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
            <location filename="../../processing/algorithms/link_records.py" line="96" />
            <source>Grid id field (empty: grid_code, else feature id)</source>
            <translation>网格 ID 字段（留空：取 grid_code，没有则取要素 ID）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="99" />
            <source>Grid problems</source>
            <translation>网格问题</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="90" />
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
            <location filename="../../processing/algorithms/patrol_coverage.py" line="193" />
            <source>Grid-days meeting 一日双巡 (%)</source>
            <translation>达到一日双巡的网格日占比（%）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="30" />
            <location filename="../../processing/algorithms/check_grids.py" line="59" />
            <location filename="../../processing/algorithms/code_grids.py" line="84" />
            <source>Grids</source>
            <translation>网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="101" />
            <source>Grids (polygons; otherwise square cells)</source>
            <translation>网格（面；未指定时使用方格）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="67" />
            <source>Grids after the change</source>
            <translation>调整后的网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="65" />
            <source>Grids before the change</source>
            <translation>调整前的网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/divide_grids.py" line="77" />
            <source>Grids made</source>
            <translation>生成的网格数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="71" />
            <source>Grids patrolled less than recommended</source>
            <translation>巡查次数低于建议值的网格数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="117" />
            <source>Grids patrolled less than recommended: {count} of {grids}</source>
            <translation>巡查次数低于建议值的网格：{count}/{grids}</translation>
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
            <location filename="../../processing/algorithms/data_quality.py" line="57" />
            <source>Group by</source>
            <translation>分组方式</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/data_quality.py" line="79" />
            <source>Groups below target</source>
            <translation>未达标的分组数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="50" />
            <source>Hangs every record of a register (people, households, organisations, events, components) on its place: building, parcel, base grid and community. RECORDS may be points or a table without geometry. By coordinates: the building containing the point (point_in_building), else the nearest building within MAX_DISTANCE metres (nearest_building). By address (ADDRESS_FIELD): the address is normalised (full- and half-width characters, Chinese and Arabic numerals, 号/栋/幢/座/号楼/单元/室/层, 3-2-301, district and street prefixes present or left out, common typos) and matched to the buildings' standard addresses, exact first (address_exact), then fuzzy with a score (address_fuzzy; house and building numbers must agree). Where both find a building, PREFER decides and a disagreement is flagged (disagrees = 1, address_building_id). A building's parcel is the parcel it overlaps most, its grid the grid holding its representative point, its community the grid's COMMUNITY_FIELD. A point in no building but in a parcel is linked to that parcel (parcel_only). Longitude/latitude records with swapped coordinates are fixed, GCJ-02 or BD-09 ones (SOURCE_SYSTEM) converted (location_fix). OUTPUT: the linked records with building_id, parcel_id, grid_id, community_id, link_method, link_score and distance_m; UNMATCHED: the others with the reason. Both together hold every input record.</source>
            <translation>将台账（实有人口、住户、实有单位、事件、部件）的每条记录关联到其所在位置：楼栋、宗地、基础网格和社区。RECORDS 可以是点图层，也可以是无几何的表格。按坐标：取包含该点的楼栋（point_in_building），否则取 MAX_DISTANCE 米以内最近的楼栋（nearest_building）。按地址（ADDRESS_FIELD）：先对地址做规范化处理（全角和半角字符、中文和阿拉伯数字、号/栋/幢/座/号楼/单元/室/层、3-2-301 写法、有无区县和街道前缀、常见错别字），再与楼栋的标准地址匹配：先精确匹配（address_exact），再按得分模糊匹配（address_fuzzy；门牌号和楼号必须一致）。两种方式都找到楼栋时，由 PREFER 决定采用哪一个，两者不一致时加以标记（disagrees = 1，address_building_id）。楼栋所属宗地为与其重叠面积最大的宗地，所属网格为包含其代表点的网格，所属社区为该网格的 COMMUNITY_FIELD。不在任何楼栋内但在宗地内的点关联到该宗地（parcel_only）。经纬度颠倒的记录会被纠正，GCJ-02 或 BD-09 坐标（SOURCE_SYSTEM）会被转换（location_fix）。OUTPUT：已关联的记录，带 building_id、parcel_id、grid_id、community_id、link_method、link_score 和 distance_m；UNMATCHED：其余记录及其原因。两者合起来包含全部输入记录。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="134" />
            <source>Hot spots (90% or more)</source>
            <translation>热点数（置信度 90% 及以上）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="183" />
            <source>Hot spots (Koper measures)</source>
            <translation>热点（Koper 曲线指标）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="60" />
            <source>Hot spots (polygons, or points with a radius)</source>
            <translation>热点（面，或按半径处理的点）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="125" />
            <source>Hot spots per grid or cell</source>
            <translation>各网格或方格的热点分析</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="29" />
            <source>Hour that splits the day into halves (local time)</source>
            <translation>上下半日分界时刻（当地时间，小时）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/check_grids.py" line="78" />
            <location filename="../../processing/algorithms/divide_grids.py" line="62" />
            <source>Household count field</source>
            <translation>户数字段</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/quality.py" line="57" />
            <source>Household has no members</source>
            <translation>住户没有成员</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="190" />
            <location filename="../../processing/algorithms/grid_change_impact.py" line="83" />
            <source>Households</source>
            <translation>住户</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="73" />
            <source>How much of each target the cameras see, per grid and per target layer: length for lines (roads), area for polygons (squares, school grounds), count for points (key places, entrances), and how many cameras see each target (redundancy). Give VIEWSHEDS (from Camera viewsheds) or CAMERAS and OBSTACLES (the viewsheds are then computed as in Camera viewsheds). OUTPUT: one row per grid and target layer with total, covered, share_pct, targets, seen (by at least one camera) and mean_cameras; REDUNDANCY: one row per target (layer, feature id, grid, total, covered, share_pct, cameras seeing it); BLIND_SPOTS: the road pieces no camera sees; BLIND_PLACES: the key places no camera sees; BLIND_AREAS: the parts of the polygons no camera sees.</source>
            <translation>统计监控对每个目标的覆盖情况，按网格和目标图层汇总：线（道路）按长度，面（广场、校园）按面积，点（重点部位、出入口）按个数，并统计每个目标被几个监控看到（冗余度）。请指定 VIEWSHEDS（“视频监控视域”的输出），或者指定 CAMERAS 和 OBSTACLES（此时按“视频监控视域”的方法计算视域）。OUTPUT：每个网格和目标图层一行，字段为 total、covered、share_pct、targets、seen（至少被一个监控看到的目标数）和 mean_cameras；REDUNDANCY：每个目标一行（图层、要素 ID、网格、total、covered、share_pct、能看到该目标的监控数）；BLIND_SPOTS：没有任何监控看到的路段；BLIND_PLACES：没有任何监控看到的重点部位；BLIND_AREAS：面目标中没有任何监控看到的部分。</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="228" />
            <source>ID number</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="57" />
            <location filename="../../processing/analysis/quality.py" line="53" />
            <source>ID number check digit is wrong</source>
            <translation>公民身份号码的校验码错误</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="56" />
            <location filename="../../processing/analysis/quality.py" line="52" />
            <source>ID number has an impossible birth date</source>
            <translation>公民身份号码中的出生日期无效</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="55" />
            <location filename="../../processing/analysis/quality.py" line="51" />
            <source>ID number has an unknown region prefix</source>
            <translation>公民身份号码开头的行政区划代码无法识别</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="52" />
            <source>ID number is empty</source>
            <translation>公民身份号码为空</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/quality.py" line="50" />
            <source>ID number is not 17 digits and a digit or X</source>
            <translation>公民身份号码不是 17 位数字加 1 位数字或 X</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="54" />
            <source>ID number must be 17 digits and a digit or X</source>
            <translation>公民身份号码应为 17 位数字加 1 位数字或 X</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="53" />
            <source>ID number must have 18 characters</source>
            <translation>公民身份号码必须为 18 位</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="209" />
            <source>ID number, name or phone</source>
            <translation>身份证号、姓名或电话</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="54" />
            <source>Import GPS tracks (CSV / Excel / GPX)</source>
            <translation>导入 GPS 轨迹（CSV / Excel / GPX）</translation>
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
            <location filename="../../processing/algorithms/import_tracks.py" line="39" />
            <source>Impossible jumps left in place, the stretches on either side holding as many fixes, so that neither could be taken for the error (a new trip starts at each): {count}</source>
            <translation>不可能跳变两侧的轨迹段定位点数相同、无法判断哪段有误而保留的跳变（每处开始新行程）：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="112" />
            <source>Impossible speed (m/s)</source>
            <translation>不可能达到的速度（米/秒）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="127" />
            <source>Incident density (per km²)</source>
            <translation>事件密度（件/平方公里）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="66" />
            <source>Incident hot spots (Gi*, density, time profile)</source>
            <translation>事件热点分析（Gi*、核密度、时间分布）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="48" />
            <source>Incidents (points with a time)</source>
            <translation>事件（带时间的点）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="93" />
            <source>Incidents (points)</source>
            <translation>事件（点）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="132" />
            <source>Incidents by month and season</source>
            <translation>按月份和季节统计的事件</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="129" />
            <source>Incidents by weekday and hour</source>
            <translation>按星期和小时统计的事件</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="137" />
            <source>Incidents outside every grid</source>
            <translation>不在任何网格内的事件数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="108" />
            <source>Incidents outside every grid (left out): {count}</source>
            <translation>不在任何网格内的事件（已剔除）：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="60" />
            <source>Incidents per week that add one recommended visit per day</source>
            <translation>每周每增加多少件事件，每日巡查增加 1 次</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="136" />
            <source>Incidents without a time</source>
            <translation>没有时间的事件数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="105" />
            <source>Incidents without a usable time (left out): {count}</source>
            <translation>没有可用时间的事件（已剔除）：{count}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="51" />
            <source>Indexing buildings and residents</source>
            <translation>正在建立楼栋和人员索引</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="299" />
            <source>Indexing buildings and residents…</source>
            <translation>正在建立楼栋和人员索引…</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="316" />
            <source>Indexing was canceled</source>
            <translation>索引已取消</translation>
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
            <location filename="../../grid_plugin/house_lookup.py" line="237" />
            <source>Item</source>
            <translation>项目</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="116" />
            <source>Kernel radius (m, 0: automatic)</source>
            <translation>核半径（米，0 为自动）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="76" />
            <source>Kind of records</source>
            <translation>记录类型</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="69" />
            <source>Kind of records (target layer)</source>
            <translation>记录类型（目标图层）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="31" />
            <source>Largest distance from a fix to a road (m)</source>
            <translation>定位点到道路的最大距离（米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="102" />
            <source>Largest distance to a building for a point outside every footprint (m)</source>
            <translation>不在任何楼栋轮廓内的点到楼栋的最大距离（米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/data_quality.py" line="71" />
            <source>Largest distance to a building when linking (m)</source>
            <translation>关联时到楼栋的最大距离（米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="65" />
            <location filename="../../processing/algorithms/service_circles.py" line="109" />
            <location filename="../../processing/algorithms/shelter_check.py" line="78" />
            <source>Largest distance to a road (m)</source>
            <translation>到道路的最大距离（米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="66" />
            <source>Last day (local date; default the last fix's)</source>
            <translation>结束日期（当地日期；默认为最后一个定位点的日期）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="162" />
            <source>Layer</source>
            <translation>图层</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="508" />
            <location filename="../../grid_plugin/grid_edit.py" line="298" />
            <location filename="../../grid_plugin/grid_edit.py" line="439" />
            <source>Layer {layer} cannot be edited</source>
            <translation>图层 {layer} 不可编辑</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="546" />
            <source>Layer {layer} could not be saved: {errors}</source>
            <translation>图层 {layer} 无法保存：{errors}</translation>
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
            <location filename="../../processing/adapter.py" line="70" />
            <location filename="../../processing/algorithms/convert_coordinates.py" line="110" />
            <location filename="../../processing/analysis/crs.py" line="116" />
            <source>Layer {layer} has no coordinate reference system</source>
            <translation>图层 {layer} 没有坐标参考系，请先为其设置坐标参考系</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="46" />
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
            <location filename="../../layers/pg_analysis.py" line="80" />
            <location filename="../../processing/adapter.py" line="54" />
            <location filename="../../processing/adapter.py" line="242" />
            <source>Layer {layer} has no field {field}; its fields are: {fields}</source>
            <translation>图层 {layer} 没有字段 {field}；该图层的字段为：{fields}</translation>
        </message>
        <message>
            <location filename="../../layers/pg_analysis.py" line="111" />
            <location filename="../../processing/analysis/crs.py" line="122" />
            <source>Layer {layer} has no geometry to choose a metric coordinate system from</source>
            <translation>图层 {layer} 没有几何，无法据此选择以米为单位的坐标系</translation>
        </message>
        <message>
            <location filename="../../layers/pg_analysis.py" line="909" />
            <location filename="../../processing/algorithms/grid_change_impact.py" line="191" />
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
            <location filename="../../layers/postgis.py" line="860" />
            <source>Layer {layer} has no row {row} that you may edit</source>
            <translation>图层 {layer} 中没有您有权编辑的记录 {row}</translation>
        </message>
        <message>
            <location filename="../../layers/pg_analysis.py" line="911" />
            <location filename="../../layers/pg_analysis.py" line="463" />
            <location filename="../../processing/adapter.py" line="249" />
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
            <location filename="../../layers/pg_analysis.py" line="916" />
            <location filename="../../processing/analysis/change.py" line="161" />
            <source>Layer {layer}: feature {feature} has no {field}</source>
            <translation>图层 {layer}：要素 {feature} 缺少 {field}</translation>
        </message>
        <message>
            <location filename="../../layers/pg_analysis.py" line="923" />
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
            <location filename="../../processing/algorithms/create_workspace.py" line="53" />
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
            <location filename="../../processing/algorithms/data_quality.py" line="67" />
            <source>Least floor area per resident (m²)</source>
            <translation>人均最小建筑面积（平方米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="112" />
            <source>Least score of a fuzzy address match (0-1)</source>
            <translation>地址模糊匹配的最低得分（0-1）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="32" />
            <source>Length of the road pieces (m)</source>
            <translation>路段长度（米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="49" />
            <source>Link records to buildings, parcels and grids</source>
            <translation>将记录关联到楼栋、宗地和网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/data_quality.py" line="80" />
            <source>Linkage of all records (%)</source>
            <translation>全部记录的关联率（%）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="116" />
            <source>Linked records</source>
            <translation>已关联的记录</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/data_quality.py" line="54" />
            <source>Linked records (outputs of Link records), instead of the workspace's registers</source>
            <translation>已关联的记录（“将记录关联到楼栋、宗地和网格”的输出），可代替工作空间中的台账</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="171" />
            <source>Linking {count} records to {buildings} buildings</source>
            <translation>正在将 {count} 条记录关联到 {buildings} 个楼栋</translation>
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
            <location filename="../../processing/algorithms/patrol_coverage.py" line="68" />
            <source>Local time zone of days and half-days (+08:00 or a zone name)</source>
            <translation>划分日和半日所用的当地时区（+08:00 或时区名称）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="122" />
            <source>Local time zone of the profiles</source>
            <translation>时间分布所用的当地时区</translation>
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
            <location filename="../../processing/algorithms/import_tracks.py" line="115" />
            <location filename="../../processing/algorithms/patrol_coverage.py" line="28" />
            <source>Longest gap inside a trip (minutes)</source>
            <translation>行程内的最长间隔（分钟）</translation>
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
            <location filename="../../processing/algorithms/patrol_coverage.py" line="152" />
            <source>Measures patrol presence from cleaned GPS points (the workspace's patrol_points or the POINTS of Import GPS tracks; times in UTC) against GRIDS. A trip is a device's fixes with no gap longer than MAX_GAP minutes (or one TRIP_FIELD value). A visit is an entry into a grid: a run of consecutive fixes of a trip in that grid, lasting from the time midway between the last fix outside and the first fix inside to the time midway between the last fix inside and the next fix; a run shorter than MIN_VISIT seconds is a pass-through (GPS jitter along a boundary) and counts for the area before it. A stop is a stretch of at least STOP_MINUTES during which every fix stays within STOP_RADIUS metres of one centre. Days and half-days are local (TIME_ZONE, default +08:00) between START_DATE and END_DATE (default the days of the fixes). OUTPUT (a table): per grid and day the visits (am_visits before SPLIT_HOUR, pm_visits after), devices, dwell_min, stops, longest_gap_min (the longest time between two visits), first_visit, last_visit and compliant (一日双巡: at least MIN_VISITS visits, one in each half of the day). GRIDS_OUTPUT: each grid with its days, days_visited, compliant_days, compliance_pct, visits_per_day, dwell_min_per_day, stops and longest_gap_min. VISITS and STOPS list every visit and stop (koper = 1 for stops of 10-15 minutes). With ROADS, ROADS_OUTPUT cuts them into pieces of about SEGMENT_LENGTH metres and gives each the days it was patrolled (a fix within SNAP_DISTANCE metres) and share_days. With HOTSPOTS (polygons, or points with HOTSPOT_RADIUS metres), HOTSPOTS_OUTPUT gives the Koper-curve measures: visits, dwell_min, presence_min_per_hour, stops, koper_stops (10-15 minutes), revisit_gap_mean_min, revisit_gap_max_min and revisits_within_2h_pct. Outputs are in the grids' metric CRS. Every fix left out is counted in the log.</source>
            <translation>根据清洗后的 GPS 定位点（工作空间的 patrol_points，或“导入 GPS 轨迹”输出的 POINTS；时间为 UTC）统计 GRIDS 中各网格的巡查到位情况。行程：同一设备相邻定位点间隔均不超过 MAX_GAP 分钟的一串定位点（或 TRIP_FIELD 取值相同的定位点）。到访：进入网格一次，即一个行程在该网格内的一串连续定位点，从格外最后一点与格内第一点的中点起，到格内最后一点与其后一点的中点止；短于 MIN_VISIT 秒的一串视为穿越（边界附近的 GPS 漂移），计入其之前所在的区域。停留：持续至少 STOP_MINUTES 分钟、其间所有定位点都在同一中心 STOP_RADIUS 米范围内的一段。日和半日按当地时间（TIME_ZONE，默认 +08:00）划分，范围为 START_DATE 至 END_DATE（默认为定位点所在的日期）。OUTPUT（表格）：每个网格每天的到访次数（SPLIT_HOUR 之前为 am_visits，之后为 pm_visits）、设备数 devices、停留时长 dwell_min、停留次数 stops、最长间隔 longest_gap_min（两次到访之间的最长时间）、first_visit、last_visit 和 compliant（一日双巡：至少 MIN_VISITS 次到访，且上、下半日各至少一次）。GRIDS_OUTPUT：每个网格的 days、days_visited、compliant_days、compliance_pct、visits_per_day、dwell_min_per_day、stops 和 longest_gap_min。VISITS 和 STOPS 列出每次到访和停留（停留 10-15 分钟的 koper = 1）。指定 ROADS 时，ROADS_OUTPUT 将道路切分为长约 SEGMENT_LENGTH 米的路段，给出每段被巡查的天数（有定位点在 SNAP_DISTANCE 米以内）和 share_days。指定 HOTSPOTS（面，或按 HOTSPOT_RADIUS 米半径处理的点）时，HOTSPOTS_OUTPUT 给出 Koper 曲线指标：visits、dwell_min、presence_min_per_hour、stops、koper_stops（10-15 分钟）、revisit_gap_mean_min、revisit_gap_max_min 和 revisits_within_2h_pct。输出采用网格的米制坐标参考系。每个被剔除的定位点都会在日志中计数。</translation>
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
            <location filename="../../processing/algorithms/migrate_workspace.py" line="15" />
            <source>Migrate workspace</source>
            <translation>升级工作空间</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="53" />
            <source>Month planned (e.g. 2026-07; default the month after the last patrol day)</source>
            <translation>计划月份（如 2026-07；默认为最后一个巡查日的下一个月）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="92" />
            <source>Month planned: {month} (the month after the last patrol day)</source>
            <translation>计划月份：{month}（最后一个巡查日的下一个月）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="70" />
            <source>Months and weights used</source>
            <translation>所用的月份及权重</translation>
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
            <location filename="../../processing/algorithms/patrol_plan.py" line="64" />
            <source>Most visits a day recommended</source>
            <translation>建议的每日最多巡查次数</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="449" />
            <source>Move buildings' cells to grid {code}</source>
            <translation>将楼栋的泰森多边形移入网格 {code}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="228" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="110" />
            <source>Neighbours for Gi*</source>
            <translation>Gi* 邻接方式</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="26" />
            <source>Network: {nodes} nodes, {edges} edges in EPSG:{epsg}; the largest connected piece has {largest} nodes of {components} pieces</source>
            <translation>路网：{nodes} 个节点、{edges} 条边（EPSG:{epsg}）；共 {components} 个连通片，最大的一片有 {largest} 个节点</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="210" />
            <source>New status</source>
            <translation>新状态</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="230" />
            <source>New workspace</source>
            <translation>新建工作空间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="147" />
            <source>New workspace…</source>
            <translation>新建工作空间…</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="95" />
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
            <location filename="../../processing/analysis/address.py" line="48" />
            <source>No building has the address {address}</source>
            <translation>没有楼栋的地址为 {address}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/crs.py" line="43" />
            <location filename="../../processing/analysis/crs.py" line="60" />
            <source>No coordinates to choose a metric coordinate system from</source>
            <translation>没有坐标，无法选择以米为单位的坐标系</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="270" />
            <source>No facility of category {category} in {layer} is within {distance} m of a road</source>
            <translation>{layer} 中类别为 {category} 的设施都不在道路 {distance} 米以内</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/hotspots.py" line="511" />
            <source>No incident has a location: no cells to count them in</source>
            <translation>所有事件都没有位置，无法生成统计方格</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/hotspots.py" line="280" />
            <source>No incident has a location: no density surface</source>
            <translation>所有事件都没有位置，无法生成密度面</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="191" />
            <source>No incident has a time: choose the time field</source>
            <translation>所有事件都没有时间，请选择时间字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="192" />
            <source>No incident has a valid time in field {field}: no profile</source>
            <translation>字段 {field} 中没有任何事件有有效时间，不生成时间分布</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="115" />
            <source>No incidents from the planned season: the rates are plain averages over the period</source>
            <translation>没有计划月份所在季节的事件：发生率按整个时段简单平均计算</translation>
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
            <location filename="../../processing/analysis/patrol.py" line="562" />
            <source>No patrol fixes to measure</source>
            <translation>没有可统计的巡查定位点</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="110" />
            <location filename="../../processing/analysis/overlay.py" line="188" />
            <source>No professional grid layer given</source>
            <translation>未指定专业网格图层</translation>
        </message>
        <message>
            <location filename="../../layers/pg_analysis.py" line="766" />
            <location filename="../../processing/analysis/quality.py" line="188" />
            <source>No records to score</source>
            <translation>没有可评分的记录</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="40" />
            <source>No target layer given: add roads, public spaces or key places</source>
            <translation>未指定目标图层：请添加道路、公共空间或重点部位</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="90" />
            <source>No workspace given</source>
            <translation>未指定工作空间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="156" />
            <location filename="../../grid_plugin/dock.py" line="393" />
            <location filename="../../grid_plugin/house_lookup.py" line="221" />
            <source>No workspace open</source>
            <translation>未打开工作空间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="399" />
            <source>Nobody in the workspace matches the search</source>
            <translation>工作空间中没有符合查询条件的人员</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="552" />
            <source>Not in a room of this building</source>
            <translation>不在本楼栋的房屋中</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="237" />
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="54" />
            <source>Number of new cameras</source>
            <translation>新增监控数量</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="76" />
            <source>OBSTACLES is required: the building footprints</source>
            <translation>必须指定 OBSTACLES（楼栋轮廓）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/entrances.py" line="60" />
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
            <location filename="../../processing/algorithms/event_report.py" line="80" />
            <source>On-time closure rate (%)</source>
            <translation>按期结案率（%）</translation>
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
            <location filename="../../grid_plugin/dock.py" line="103" />
            <location filename="../../grid_plugin/plugin.py" line="66" />
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
            <location filename="../../grid_plugin/plugin.py" line="61" />
            <source>OneGrid panel</source>
            <translation>一张网面板</translation>
        </message>
        <message>
            <location filename="../../layers/project.py" line="120" />
            <source>OneGrid workspace</source>
            <translation>一张网工作空间</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="116" />
            <source>Only {count} candidates add any coverage; {k} were asked</source>
            <translation>只有 {count} 个候选点位能增加覆盖，少于要求的 {k} 个</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="132" />
            <source>Open</source>
            <translation>打开</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="343" />
            <source>Open a workspace in the Workspace tab first</source>
            <translation>请先在“工作空间”页中打开工作空间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="470" />
            <source>Open a workspace with events and an event history first</source>
            <translation>请先打开包含事件及事件流转记录的工作空间</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/event_report.py" line="79" />
            <source>Open events past their deadline</source>
            <translation>超时未结案的事件数</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="157" />
            <source>Open only</source>
            <translation>仅显示未结案</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="134" />
            <source>Open the workspace whose path is in the box</source>
            <translation>打开输入框中路径所指的工作空间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="221" />
            <source>Open workspace</source>
            <translation>打开工作空间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="150" />
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
            <location filename="../../grid_plugin/dock.py" line="286" />
            <source>Opened workspace {name}</source>
            <translation>已打开工作空间 {name}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="48" />
            <source>Or a PostgreSQL database (QGIS connection name or URI)</source>
            <translation>或 PostgreSQL 数据库（QGIS 连接名或 URI）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="85" />
            <source>Organisations</source>
            <translation>实有单位</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="561" />
            <source>Organisations ({n})</source>
            <translation>实有单位（{n}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="137" />
            <source>Origin and category pairs beyond the largest tier</source>
            <translation>超出最大圈层的起点与类别组合数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="95" />
            <location filename="../../processing/algorithms/shelter_check.py" line="54" />
            <source>Origins (buildings or households)</source>
            <translation>起点（楼栋或住户）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="34" />
            <source>Origins start from: {entrance} entrances, {wall} walls nearest a road, {centroid} centroids, {point} points</source>
            <translation>起点出发位置：出入口 {entrance} 个，距道路最近的外墙点 {wall} 个，质心 {centroid} 个，点要素 {point} 个</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="84" />
            <source>Origins with their shelter</source>
            <translation>起点及其避难场所</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="125" />
            <source>Origins with walking times</source>
            <translation>起点及步行时间</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="90" />
            <source>Origins without a shelter within the time</source>
            <translation>限定时间内无法到达避难场所的起点数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="108" />
            <source>Overlaying {count} viewsheds with {layers}</source>
            <translation>正在将 {count} 个视域与 {layers} 叠加</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="88" />
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
            <location filename="../../grid_plugin/house_lookup.py" line="520" />
            <location filename="../../grid_plugin/house_lookup.py" line="524" />
            <source>Parcel</source>
            <translation>宗地</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="91" />
            <source>Parcel id field (empty: parcel_code, else feature id)</source>
            <translation>宗地 ID 字段（留空：取 parcel_code，没有则取要素 ID）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="89" />
            <source>Parcels</source>
            <translation>宗地</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="151" />
            <source>Patrol coverage (visits, 一日双巡, roads, hot spots)</source>
            <translation>巡查覆盖（到访、一日双巡、道路、热点）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="178" />
            <source>Patrol per grid</source>
            <translation>各网格巡查情况</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="189" />
            <source>Patrol per grid and day</source>
            <translation>各网格每日巡查情况</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="28" />
            <source>Patrol plan (visits a day from incidents and season)</source>
            <translation>巡查计划（按事件和季节确定每日巡查次数）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="68" />
            <source>Patrol plan per grid</source>
            <translation>各网格巡查计划</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="84" />
            <source>People</source>
            <translation>实有人口</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="228" />
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="151" />
            <source>Phone number is empty</source>
            <translation>联系电话为空</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/idcard.py" line="157" />
            <location filename="../../processing/analysis/quality.py" line="54" />
            <source>Phone number is not a mainland mobile or landline number</source>
            <translation>联系电话不是有效的中国大陆手机号码或固定电话号码</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="161" />
            <source>Pick on map</source>
            <translation>地图点选</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/repair_grids.py" line="74" />
            <source>Pieces moved</source>
            <translation>移交的图斑数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="29" />
            <source>Plans patrol visits per grid for PLAN_MONTH (e.g. 2026-07) from where and when incidents happened, and compares them with the visits patrols actually make (measured from TRACKS as in Patrol coverage). INCIDENTS are points with a time (TIME_FIELD_INCIDENTS, default reported_at, UTC); an incident without a time or outside every grid is counted and left out. The incident rate of a grid is its incidents a day over the period from the first to the last incident, each month weighted SEASON_WEIGHT when it is of the planning month's season (spring Mar-May, summer Jun-Aug, autumn Sep-Nov, winter Dec-Feb) and 1 otherwise (根据实有事件的发生规律和季节变化优化巡查频次). Recommended visits a day = MIN_VISITS (一日双巡, 2) plus one for every INCIDENTS_PER_EXTRA_VISIT incidents a week, at most MAX_VISITS. OUTPUT: every grid with incidents, incidents_season, incidents_per_week, recommended_visits, actual_visits_per_day, shortfall (recommended - actual) and rank (1 = largest shortfall), besides the patrol measures per grid; MONTHS: the months used, their days, weight and incidents.</source>
            <translation>根据事件发生的地点和时间，为 PLAN_MONTH（如 2026-07）制定各网格的巡查频次，并与实际巡查到访次数比较（按“巡查覆盖”的方法由 TRACKS 计算）。INCIDENTS 为带时间的点（TIME_FIELD_INCIDENTS，默认为 reported_at，UTC）；没有时间或不在任何网格内的事件计数后剔除。网格的事件发生率为从第一件到最后一件事件期间的日均事件数，其中与计划月份同一季节（春季 3-5 月、夏季 6-8 月、秋季 9-11 月、冬季 12-2 月）的月份权重为 SEASON_WEIGHT，其余月份权重为 1（根据实有事件的发生规律和季节变化优化巡查频次）。建议每日巡查次数 = MIN_VISITS（一日双巡，2 次）+ 每周每 INCIDENTS_PER_EXTRA_VISIT 件事件增加 1 次，最多 MAX_VISITS 次。OUTPUT：每个网格的 incidents、incidents_season、incidents_per_week、recommended_visits、actual_visits_per_day、shortfall（建议次数 - 实际次数）和 rank（1 = 差额最大），以及各网格的巡查指标；MONTHS：所用的月份及其天数、权重和事件数。</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/linking.py" line="77" />
            <source>Point is in no building, no building is within {distance} m and it is in no parcel</source>
            <translation>该点不在任何楼栋内，{distance} 米内没有楼栋，也不在任何宗地内</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="57" />
            <source>Population field</source>
            <translation>人口字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/data_quality.py" line="48" />
            <source>PostGIS workspace (PostgreSQL connection name or URI), instead of the GeoPackage: scored inside the database</source>
            <translation>PostGIS 工作空间（PostgreSQL 连接名或 URI），可代替 GeoPackage 文件：在数据库内评分</translation>
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
            <location filename="../../processing/algorithms/camera_siting.py" line="72" />
            <source>Proposed cameras</source>
            <translation>建议新增的监控点位</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="30" />
            <source>Proposes K new cameras that add the most coverage of the targets, the existing CAMERAS kept (their coverage counts as done). Candidates: the CANDIDATES layer (fields as the cameras layer: azimuth_deg, fov_deg, range_m, height_m ...) or, without it, points every SPACING metres along the line targets and at their junctions, each with four azimuths (0, 90, 180, 270 degrees), CANDIDATE_FOV and CANDIDATE_RANGE. Each candidate's viewshed is computed past the obstacles; the targets are cut into elements (road pieces of 10 m by length, polygon cells of 10 m by area, key places worth PLACE_WEIGHT metres of road each, 50 by default) and the candidates are chosen by greedy maximal coverage with lazy evaluation, which reaches at least 63 % (1 - 1/e) of the optimum. Small problems are also solved exactly by integer programming and the ratio is reported. OUTPUT: the K cameras in order with azimuth, the gain and what each adds per target layer (metres, square metres or places).</source>
            <translation>在保留现有 CAMERAS（其覆盖视为已有）的前提下，提出能最大程度增加目标覆盖的 K 个新监控点位。候选点位：CANDIDATES 图层（字段与视频监控图层相同：azimuth_deg、fov_deg、range_m、height_m……）；未指定时，沿线状目标每隔 SPACING 米及在其交汇处取点，每点取四个朝向（0、90、180、270 度），视场角为 CANDIDATE_FOV，有效距离为 CANDIDATE_RANGE。每个候选点位的视域都考虑障碍物遮挡；目标被切分为单元（道路按长度每 10 米一段，面按面积每 10 米见方一格，每个重点部位折合 PLACE_WEIGHT 米道路，默认 50 米），再用带惰性求值的贪心最大覆盖算法选取候选点位，其结果至少达到最优解的 63%（1 - 1/e）。规模较小的问题还会用整数规划精确求解，并报告二者之比。OUTPUT：按选取顺序排列的 K 个监控点位，包括朝向、增益，以及每个点位在各目标图层上新增的覆盖（米、平方米或处）。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="33" />
            <source>Radius of hot spots given as points (m)</source>
            <translation>点状热点的半径（米）</translation>
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
            <location filename="../../processing/algorithms/import_tracks.py" line="55" />
            <source>Reads the GPS fixes of patrol devices from a CSV, TXT or XLSX table (a device id, a time, x/longitude and y/latitude per row; columns found by name: device_id, 设备编号, recorded_at, time, 定位时间, lon, lng, 经度, lat, 纬度, or named in DEVICE_FIELD, TIME_FIELD, X_FIELD, Y_FIELD) or from a GPX file (track points; the device id is DEVICE_ID or the file name). SOURCE_CRS accepts EPSG:nnnn, WGS84, GCJ02 (Amap, Tencent) and BD09 (Baidu); GCJ-02 and BD-09 are converted to WGS84. Times with an offset (Z, +08:00) are converted to UTC; times without one are in TIME_ZONE (default +08:00, China; a zone name such as Asia/Shanghai also works). Cleaning: fixes are sorted by device and time (fixes out of order are counted); a second fix of a device at the same time is a duplicate; an impossible jump (faster than MAX_SPEED m/s) cuts a device's fixes into stretches and a stretch smaller than those beside it is dropped as a GPS outlier; trips are cut where two fixes are more than MAX_GAP minutes apart. OUTPUT: one line per trip (device_id, trip_no, start/end in UTC and local time, points, length_m, duration_min, mean_speed_mps); POINTS: the cleaned fixes (recorded_at in UTC, local_time, trip_id, step_m, speed_mps and the file's other columns); REJECTED: every fix left out with its row number and reason. Every count is reported.</source>
            <translation>从 CSV、TXT 或 XLSX 表格（每行一个设备编号、一个时间、X/经度和 Y/纬度；按列名自动识别：device_id、设备编号、recorded_at、time、定位时间、lon、lng、经度、lat、纬度，或由 DEVICE_FIELD、TIME_FIELD、X_FIELD、Y_FIELD 指定）或 GPX 文件（轨迹点；设备编号取 DEVICE_ID 或文件名）读取巡查设备的 GPS 定位点。SOURCE_CRS 可取 EPSG:nnnn、WGS84、GCJ02（高德、腾讯）和 BD09（百度）；GCJ-02 和 BD-09 坐标会转换为 WGS84。带时差的时间（Z、+08:00）转换为 UTC；不带时差的时间按 TIME_ZONE 解释（默认 +08:00，即中国标准时间；也可使用 Asia/Shanghai 等时区名称）。清洗：定位点按设备和时间排序（统计时间顺序错乱的定位点数）；同一设备同一时刻的第二个定位点视为重复；不可能的跳变（速度超过 MAX_SPEED 米/秒）把设备的定位点切分为若干段，比两侧相邻段都小的段作为 GPS 异常点剔除；相邻两个定位点相隔超过 MAX_GAP 分钟处切分行程。OUTPUT：每个行程一条线（device_id、trip_no、UTC 和当地时间的起止时间、points、length_m、duration_min、mean_speed_mps）；POINTS：清洗后的定位点（UTC 时间 recorded_at、local_time、trip_id、step_m、speed_mps 以及文件中的其他列）；REJECTED：每个被剔除的定位点及其行号和原因。所有计数都会在日志中报告。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/align_grids.py" line="21" />
            <source>Rebuilds each professional grid as the union of the whole base grids assigned to it, so that its boundary follows base-grid boundaries exactly. Each base grid is assigned, per grid type, to the professional grid holding the largest share of its area (as onegrid:merge_grids does). OVERLAYS takes any number of polygon layers, each with a grid_type field; a layer holding several grid types is split by grid_type. OUTPUT: the aligned professional grids with their own fields and grid_type, in the base grids' CRS. REPORT: one row per professional grid with grid_type, overlay_id, area_before_m2, area_after_m2, moved_in_m2 (area it gained), moved_out_m2 (area it lost), moved_m2 (their sum, the area of the symmetric difference), base_grids (how many), base_ids and status (aligned, or no_base_grid for a grid that holds the largest share of no base grid: it is not in OUTPUT). Areas are in square metres, computed in metres (layers in degrees are projected automatically); base grids are taken to have no overlaps (onegrid:check_grids finds them).</source>
            <translation>将每个专业网格重建为分配给它的完整基础网格的并集，使其边界与基础网格边界完全重合。每个基础网格按网格类型分配给占其面积份额最大的专业网格（与 onegrid:merge_grids 的做法相同）。OVERLAYS 可接受任意数量的面图层，每个图层都须有 grid_type 字段；包含多种网格类型的图层按 grid_type 拆分。OUTPUT：对齐后的专业网格，带自身字段和 grid_type，使用基础网格的坐标参考系。REPORT：每个专业网格一行，字段为 grid_type、overlay_id、area_before_m2、area_after_m2、moved_in_m2（增加的面积）、moved_out_m2（减少的面积）、moved_m2（二者之和，即对称差的面积）、base_grids（基础网格个数）、base_ids 和 status（aligned 表示已对齐；no_base_grid 表示该网格在任何基础网格中都不占最大份额，不写入 OUTPUT）。面积单位为平方米，以米为单位计算（以度为单位的图层自动投影）；假定基础网格之间没有重叠（可用 onegrid:check_grids 检查）。</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="143" />
            <source>Recent workspaces</source>
            <translation>最近使用的工作空间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="180" />
            <source>Recent workspaces…</source>
            <translation>最近使用的工作空间…</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/linking.py" line="76" />
            <source>Record has no location</source>
            <translation>记录没有位置</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/linking.py" line="75" />
            <source>Record has no location and no address</source>
            <translation>记录既没有位置也没有地址</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/data_quality.py" line="77" />
            <source>Record problems</source>
            <translation>记录问题</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="74" />
            <source>Records (points or a table)</source>
            <translation>记录（点图层或表格）</translation>
        </message>
        <message>
            <location filename="../../layers/pg_analysis.py" line="413" />
            <source>Records in {system} are converted in memory, not in the database; use the in-memory path</source>
            <translation>{system} 坐标的记录只能在内存中转换，不能在数据库中转换；请使用内存计算方式</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="120" />
            <source>Records linked</source>
            <translation>已关联的记录数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="157" />
            <source>Records linked: {linked}; unmatched: {unmatched}; of {total}</source>
            <translation>共 {total} 条记录：已关联 {linked} 条；未匹配 {unmatched} 条</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="121" />
            <source>Records unmatched</source>
            <translation>未匹配的记录数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="123" />
            <source>Records whose address and coordinates disagree</source>
            <translation>地址与坐标不一致的记录数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="141" />
            <source>Records whose address names another building than their coordinates: {count}</source>
            <translation>地址所指楼栋与坐标所在楼栋不一致的记录：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="93" />
            <location filename="../../processing/algorithms/grid_change_impact.py" line="96" />
            <source>Records whose grid changes</source>
            <translation>所属网格发生变化的记录</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="138" />
            <source>Records whose longitude and latitude were swapped (fixed): {count}</source>
            <translation>经纬度颠倒（已纠正）的记录：{count}</translation>
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
            <location filename="../../processing/algorithms/create_workspace.py" line="46" />
            <source>Replace an existing file</source>
            <translation>覆盖已有文件</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/copy_workspace.py" line="39" />
            <source>Replace an existing workspace</source>
            <translation>覆盖已有工作空间</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="77" />
            <source>Replace rows imported from OpenStreetMap before</source>
            <translation>替换此前从 OpenStreetMap 导入的记录</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/event_report.py" line="67" />
            <source>Report time (UTC; default now)</source>
            <translation>统计时刻（UTC；默认为当前时间）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="542" />
            <location filename="../../grid_plugin/house_lookup.py" line="553" />
            <source>Residents: {n}</source>
            <translation>居住人员：{n}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="49" />
            <location filename="../../processing/algorithms/service_circles.py" line="93" />
            <location filename="../../processing/algorithms/shelter_check.py" line="81" />
            <source>Road network (lines)</source>
            <translation>路网（线）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="181" />
            <source>Road pieces by share of days patrolled</source>
            <translation>各路段巡查天数占比</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="132" />
            <source>Road pieces patrolled: {done} of {pieces}; fixes on a road: {snapped}</source>
            <translation>已巡查路段：{done}/{pieces}；位于道路上的定位点：{snapped}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="58" />
            <source>Roads</source>
            <translation>道路</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="79" />
            <source>Roads imported</source>
            <translation>已导入道路数</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="536" />
            <source>Rooms and households ({n}), residents ({people})</source>
            <translation>房屋/住户（{n}），居住人员（{people}）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="89" />
            <source>Row repeats row {row} exactly</source>
            <translation>该行与第 {row} 行完全重复</translation>
        </message>
        <message>
            <location filename="../../layers/postgis.py" line="854" />
            <source>Row {row} ({label}) of layer {layer} was changed by {editor} at {at} after you read it; reload it and edit again</source>
            <translation>图层 {layer} 的记录 {row}（{label}）在您读取后已被 {editor} 于 {at} 修改，请重新加载后再编辑</translation>
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
            <location filename="../../processing/algorithms/copy_workspace.py" line="40" />
            <source>Rows copied</source>
            <translation>已复制的行数</translation>
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
            <location filename="../../processing/algorithms/copy_workspace.py" line="41" />
            <source>Rows per layer</source>
            <translation>各图层行数</translation>
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
            <location filename="../../processing/algorithms/data_quality.py" line="51" />
            <source>Schema of the PostGIS workspace</source>
            <translation>PostGIS 工作空间的模式</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/migrate_workspace.py" line="33" />
            <source>Schema version after</source>
            <translation>升级后的数据结构版本</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/migrate_workspace.py" line="32" />
            <source>Schema version before</source>
            <translation>升级前的数据结构版本</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="279" />
            <location filename="../../grid_plugin/dock.py" line="385" />
            <source>Schema version: {version}</source>
            <translation>数据结构版本：{version}</translation>
        </message>
        <message>
            <location filename="../../layers/postgis.py" line="247" />
            <source>Schema {schema} already exists in the database; choose another schema or allow overwriting</source>
            <translation>数据库中已存在模式 {schema}，请选择其他模式或允许覆盖</translation>
        </message>
        <message>
            <location filename="../../layers/pg_analysis.py" line="524" />
            <source>Schema {schema} already has a table {table}; choose another name</source>
            <translation>模式 {schema} 中已有表 {table}，请换一个名称</translation>
        </message>
        <message>
            <location filename="../../layers/postgis.py" line="457" />
            <location filename="../../layers/postgis.py" line="489" />
            <location filename="../../layers/postgis.py" line="521" />
            <source>Schema {schema} is not a OneGrid workspace</source>
            <translation>模式 {schema} 不是一张网工作空间</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/data_quality.py" line="75" />
            <source>Scorecard</source>
            <translation>评分表</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/data_quality.py" line="25" />
            <source>Scores the registers per base grid or community against the targets (every record linked, basic data at least 90 % valid). Give a WORKSPACE: its people, households, organizations and events are linked to buildings, parcels and base grids as in Link records (coordinates first, then the address); or give LINKED layers (outputs of Link records, linked and unmatched, with their kind). OUTPUT, one row per group: records by kind, linked and linkage_pct, valid and validity_pct, and the counts of each problem: ID number invalid (id_format, id_region: unknown province prefix, id_birth_date: impossible birth date, id_check_digit: GB 11643-1999 check digit; a lowercase x is accepted), phone_invalid, required_empty, id_duplicate (the same ID number in two buildings or households), household_empty (no members), building_overcrowded (more residents than the floor area allows at M2_PER_RESIDENT); then linkage_pass, validity_pass and passed against TARGET_LINKAGE and TARGET_VALIDITY (percent). With a workspace, OUTPUT has the grid or community polygons. PROBLEMS lists every record problem with its reason.</source>
            <translation>按基础网格或社区对台账评分，并与目标比较（全部记录关联到位、基础数据有效率不低于 90%）。指定 WORKSPACE 时：按“将记录关联到楼栋、宗地和网格”的方法（先按坐标，再按地址）将其中的实有人口、住户、实有单位和事件关联到楼栋、宗地和基础网格；或者指定 LINKED 图层（“将记录关联到楼栋、宗地和网格”的输出，包括已关联和未匹配的记录，带记录类型）。OUTPUT 每组一行：各类记录数、已关联数 linked 和关联率 linkage_pct、有效数 valid 和有效率 validity_pct，以及各类问题的数量：公民身份号码无效（id_format；id_region：省级行政区划代码无法识别；id_birth_date：出生日期无效；id_check_digit：不符合 GB 11643-1999 的校验码；小写 x 视为有效）、phone_invalid、required_empty、id_duplicate（同一公民身份号码登记在两个楼栋或住户中）、household_empty（住户没有成员）、building_overcrowded（居住人数超过按 M2_PER_RESIDENT 由建筑面积算得的容量）；然后是对照 TARGET_LINKAGE 和 TARGET_VALIDITY（百分比）得出的 linkage_pass、validity_pass 和 passed。指定工作空间时，OUTPUT 带网格或社区的面。PROBLEMS 列出每条记录的每个问题及其原因。</translation>
        </message>
        <message>
            <location filename="../../layers/pg_dispatch.py" line="163" />
            <source>Scoring PostGIS workspace {schema} inside the database</source>
            <translation>正在数据库内对 PostGIS 工作空间 {schema} 评分</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="215" />
            <source>Search</source>
            <translation>查询</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/editing.py" line="88" />
            <source>Select at least two grids to merge</source>
            <translation>请至少选择两个要合并的网格</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="132" />
            <source>Shares per community</source>
            <translation>各社区圈层覆盖占比</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="129" />
            <source>Shares per grid</source>
            <translation>各网格圈层覆盖占比</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="60" />
            <source>Shelters</source>
            <translation>应急避难场所</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="86" />
            <source>Shelters with their load</source>
            <translation>避难场所及其负荷</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="24" />
            <source>Shortest stop (minutes)</source>
            <translation>最短停留时间（分钟）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="26" />
            <source>Shortest visit (seconds; shorter runs are pass-throughs)</source>
            <translation>最短到访时间（秒；更短的视为穿越）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/plugin.py" line="63" />
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
            <location filename="../../processing/algorithms/grid_change_impact.py" line="95" />
            <source>Staffing consequences</source>
            <translation>人员配置影响</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="97" />
            <source>Staffing problems</source>
            <translation>人员配置问题数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="86" />
            <source>Standard address field of the buildings</source>
            <translation>楼栋的标准地址字段</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="173" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="25" />
            <source>Stop radius (m)</source>
            <translation>停留半径（米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="180" />
            <source>Stops</source>
            <translation>停留点</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="135" />
            <source>Summary per category</source>
            <translation>按设施类别汇总</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="109" />
            <source>System of longitude/latitude records</source>
            <translation>经纬度记录的坐标系</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="66" />
            <source>Table (CSV, TXT or XLSX)</source>
            <translation>表格（CSV、TXT 或 XLSX）</translation>
        </message>
        <message>
            <location filename="../../layers/project.py" line="133" />
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
            <location filename="../../processing/algorithms/data_quality.py" line="59" />
            <source>Target linkage (%)</source>
            <translation>目标关联率（%）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/data_quality.py" line="63" />
            <source>Target validity (%)</source>
            <translation>目标有效率（%）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="25" />
            <source>Targets: roads (lines), public spaces (polygons), key places and entrances (points)</source>
            <translation>监控目标：道路（线）、公共空间（面）、重点部位和出入口（点）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="81" />
            <location filename="../../processing/algorithms/import_tracks.py" line="109" />
            <source>Text encoding of a CSV</source>
            <translation>CSV 文件的字符编码</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/codes.py" line="217" />
            <source>The CJT349 scheme needs a 6-digit managed-object code, not {code}</source>
            <translation>CJT349 编码方案需要 6 位管理对象代码，当前为 {code}</translation>
        </message>
        <message>
            <location filename="../../layers/postgis.py" line="283" />
            <source>The PostgreSQL server refused: {error}</source>
            <translation>PostgreSQL 服务器拒绝了请求：{error}</translation>
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
            <location filename="../../processing/analysis/service.py" line="596" />
            <source>The area per person must be positive (m2); got {value}</source>
            <translation>人均面积（平方米）必须大于 0，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="548" />
            <source>The area to divide into communities is empty</source>
            <translation>要划分社区的区域为空</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/hotspots.py" line="271" />
            <source>The bandwidth must be a positive number of metres, not {value}</source>
            <translation>核半径必须是大于 0 的米数，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="419" />
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
            <location filename="../../processing/analysis/hotspots.py" line="105" />
            <source>The cell size must be a positive number of metres, not {value}</source>
            <translation>方格边长必须是大于 0 的米数，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="539" />
            <source>The change of event {event} could not be written</source>
            <translation>无法写入事件 {event} 的变更</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/event_report.py" line="39" />
            <source>The closed event loop (reported, filed, dispatched, handling, verification, closed; a failed verification returns an event to handling, the third one escalates it) counted per grid (GRID_OUTPUT, by grid_code; with GRIDS it has their polygons) and per responsible unit (UNIT_OUTPUT, by responsible_unit): events, one column per status, open, closed_on_time, closed_late, closed_no_deadline, on_time_rate_pct (closed by the deadline / closed with a deadline), median_hours_to_close (report to closing), overdue_open (open and past the deadline at REPORT_TIME, default now), escalated, returned (events that failed verification at least once), returns (failed verifications in all) and invalid (events in illegal states). INVALID lists each event in a state the loop cannot produce (for example edited outside QGIS: an unknown status, closed without a closing time, a deadline before dispatch, three failed verifications without escalation, a status that differs from the last change recorded in HISTORY) with the reason; such events stay in the counts. EVENTS_OUTPUT: the events with overdue, on_time, hours_to_close and invalid flags. Times are UTC.</source>
            <translation>事件闭环（上报、立案、派单、处置、核查、结案；核查未通过时退回处置，第三次未通过即督办）按网格（GRID_OUTPUT，依据 grid_code；指定 GRIDS 时带网格面）和按责任单位（UNIT_OUTPUT，依据 responsible_unit）统计：事件数 events、各状态的事件数（每个状态一列）、未结案 open、按期结案 closed_on_time、超期结案 closed_late、无时限结案 closed_no_deadline、按期结案率 on_time_rate_pct（按期结案数 / 有时限的结案数）、结案时长中位数 median_hours_to_close（从上报到结案，小时）、超时未结案 overdue_open（在统计时刻 REPORT_TIME 未结案且已超过时限，默认为当前时间）、已督办 escalated、被退回事件数 returned（至少一次核查未通过的事件）、退回次数 returns（核查未通过的总次数）和状态非法 invalid（处于非法状态的事件）。INVALID 列出闭环流程不可能产生的状态下的每件事件（例如在 QGIS 外编辑造成的：未知状态、已结案但没有结案时间、派单前已有办结时限、三次核查未通过却未督办、状态与 HISTORY 中最后一次变更不符）及其原因；这些事件仍计入统计。EVENTS_OUTPUT：带 overdue、on_time、hours_to_close 和 invalid 标记的事件。时间均为 UTC。</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/hotspots.py" line="289" />
            <source>The density surface would have {count} pixels of {size} m; choose a larger pixel size</source>
            <translation>密度面将有 {count} 个 {size} 米的像元，请选择更大的像元大小</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/hotspots.py" line="191" />
            <source>The distance band must be a positive number of metres, not {value}</source>
            <translation>距离阈值必须是大于 0 的米数，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="299" />
            <source>The first {count} events are listed: narrow the search to see the others</source>
            <translation>仅列出前 {count} 件事件，请缩小查询范围以查看其余事件</translation>
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
            <location filename="../../processing/analysis/patrol.py" line="784" />
            <source>The half-day split hour must be between 0 and 24, not {value}</source>
            <translation>上下半日分界时刻必须在 0 到 24 之间，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/linking.py" line="612" />
            <source>The largest distance to a building must be 0 m or more, not {n} m</source>
            <translation>到楼栋的最大距离不能小于 0 米，当前为 {n} 米</translation>
        </message>
        <message>
            <location filename="../../layers/pg_dispatch.py" line="80" />
            <location filename="../../layers/pg_dispatch.py" line="129" />
            <source>The layers are tables of PostGIS workspace {schema}: the analysis runs inside the database</source>
            <translation>这些图层是 PostGIS 工作空间 {schema} 中的表：分析将在数据库内进行</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/grid_edit.py" line="369" />
            <location filename="../../processing/analysis/editing.py" line="64" />
            <source>The line does not cut the grid in two: draw it across the grid, starting and ending outside it</source>
            <translation>该线没有把网格分成两部分：请从网格外开始画线，穿过网格，并在网格外结束</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="469" />
            <source>The longest gap must be positive, not {value}</source>
            <translation>最长间隔必须大于 0，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="545" />
            <source>The number of communities must be between 1 and 999, not {n}</source>
            <translation>社区数量必须在 1 到 999 之间，当前为 {n}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/patrol.py" line="566" />
            <source>The period ends ({end}) before it starts ({start})</source>
            <translation>时段的结束日期（{end}）早于起始日期（{start}）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/hotspots.py" line="274" />
            <source>The pixel size must be a positive number of metres, not {value}</source>
            <translation>像元大小必须是大于 0 的米数，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/network.py" line="67" />
            <source>The road network has no lines</source>
            <translation>路网中没有线要素</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/quality.py" line="56" />
            <source>The same ID number is registered in {places} places</source>
            <translation>同一公民身份号码登记在 {places} 处</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/editing.py" line="92" />
            <source>The selected grids are not contiguous: their union has {parts} separate parts</source>
            <translation>所选网格不相连：合并后会有 {parts} 个互不相连的部分</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="467" />
            <source>The speed limit must be positive, not {value}</source>
            <translation>速度上限必须大于 0，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="460" />
            <source>The status is not one of the loop's</source>
            <translation>该状态不属于闭环流程</translation>
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
            <location filename="../../processing/analysis/service.py" line="83" />
            <source>The walking speed must be positive (m/s); got {value}</source>
            <translation>步行速度（米/秒）必须大于 0，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../layers/pg_analysis.py" line="735" />
            <location filename="../../processing/analysis/quality.py" line="306" />
            <source>The workspace needs buildings and base grids to be scored</source>
            <translation>工作空间中须有楼栋和基础网格才能评分</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/editing.py" line="228" />
            <source>There is no current grid {code}</source>
            <translation>不存在当前有效的网格 {code}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="364" />
            <source>This building has no building code</source>
            <translation>该楼栋没有楼栋编码</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="426" />
            <source>This person is not linked to a building</source>
            <translation>该人员未关联到楼栋</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="74" />
            <source>Thresholds must be positive minutes; got {value}</source>
            <translation>时间阈值必须是大于 0 的分钟数，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="107" />
            <source>Tiers (minutes, comma-separated)</source>
            <translation>圈层时间（分钟，逗号分隔）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="96" />
            <source>Time column</source>
            <translation>时间列</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="47" />
            <source>Time field (UTC)</source>
            <translation>时间字段（UTC）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="95" />
            <source>Time of the incident (UTC)</source>
            <translation>事件发生时间（UTC）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="50" />
            <source>Time of the incidents (UTC)</source>
            <translation>事件发生时间（UTC）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="106" />
            <source>Time zone of times written without one (+08:00 or a zone name)</source>
            <translation>未注明时区的时间所用时区（+08:00 或时区名称）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/copy_workspace.py" line="34" />
            <source>To (GeoPackage file, PostgreSQL connection or URI)</source>
            <translation>复制目标（GeoPackage 文件、PostgreSQL 连接或 URI）</translation>
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
            <location filename="../../processing/algorithms/patrol_coverage.py" line="50" />
            <source>Trip id field</source>
            <translation>行程编号字段</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_tracks.py" line="119" />
            <location filename="../../processing/algorithms/import_tracks.py" line="126" />
            <source>Trips</source>
            <translation>行程</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="123" />
            <source>Trips of a single fix: {count}</source>
            <translation>只有一个定位点的行程：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="124" />
            <source>Trips without a visit as long as the shortest visit: {count}</source>
            <translation>没有一次到访达到最短到访时间的行程：{count}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="98" />
            <source>Type of the incident</source>
            <translation>事件类型</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="540" />
            <source>Unit {unit}, room {room}</source>
            <translation>{unit} 单元 {room} 室</translation>
        </message>
        <message>
            <location filename="../../layers/postgis.py" line="135" />
            <source>Unknown OneGrid role {role}; known: {known}</source>
            <translation>无法识别一张网角色 {role}；已有角色：{known}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/codes.py" line="63" />
            <source>Unknown coding scheme {scheme}; choose DB11 or CJT349</source>
            <translation>无法识别编码方案 {scheme}，请选择 DB11 或 CJT349</translation>
        </message>
        <message>
            <location filename="../../layers/postgis.py" line="243" />
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
            <location filename="../../processing/algorithms/link_records.py" line="118" />
            <source>Unmatched records</source>
            <translation>未匹配的记录</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="97" />
            <source>Unseen key places</source>
            <translation>未被看到的重点部位</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="98" />
            <source>Unseen parts of public spaces</source>
            <translation>公共空间中未被看到的部分</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/migrate_workspace.py" line="16" />
            <source>Upgrades a workspace written by an older OneGrid to the current schema version, in place and in one transaction, without losing a row: new layers and fields are added (existing rows get the defaults) and the new version is recorded. WORKSPACE: a GeoPackage file, a QGIS PostgreSQL connection name or a URI (with SCHEMA, default onegrid; the database's triggers, privileges, row-level security and views are reinstalled too). A current workspace is left as it is.</source>
            <translation>将旧版一张网写出的工作空间原地升级到当前数据结构版本，在一个事务中完成，不丢失任何记录：添加新的图层和字段（已有记录取默认值），并记录新的版本号。WORKSPACE：GeoPackage 文件、QGIS 中的 PostgreSQL 连接名或 URI（配合 SCHEMA，默认为 onegrid；数据库中的触发器、权限、行级安全策略和视图也会重新安装）。已是当前版本的工作空间保持不变。</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="513" />
            <source>Use</source>
            <translation>用途</translation>
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
            <location filename="../../processing/algorithms/data_quality.py" line="82" />
            <source>Validity of all records (%)</source>
            <translation>全部记录的有效率（%）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="69" />
            <source>Versioned grids (valid_from / valid_to), instead of the two layers</source>
            <translation>带版本的网格（valid_from / valid_to），可代替上面两个图层</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_viewsheds.py" line="158" />
            <source>Viewsheds</source>
            <translation>视域</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="90" />
            <source>Viewsheds (instead of cameras and obstacles)</source>
            <translation>视域（可代替视频监控和障碍物）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="179" />
            <location filename="../../processing/algorithms/patrol_coverage.py" line="195" />
            <source>Visits</source>
            <translation>到访</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="30" />
            <source>Visits a day required (一日双巡)</source>
            <translation>每日要求到访次数（一日双巡）</translation>
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
            <location filename="../../processing/algorithms/service_circles.py" line="104" />
            <location filename="../../processing/algorithms/shelter_check.py" line="75" />
            <source>Walking speed (m/s)</source>
            <translation>步行速度（米/秒）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="72" />
            <source>Walking time to a shelter (minutes)</source>
            <translation>到避难场所的步行时间（分钟）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/isochrones.py" line="54" />
            <source>Walking times (minutes, comma-separated)</source>
            <translation>步行时间（分钟，逗号分隔）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="118" />
            <source>Weight of each origin (e.g. households)</source>
            <translation>各起点的权重（如户数）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="56" />
            <source>Weight of the months of the planned season</source>
            <translation>计划月份所在季节各月的权重</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/base.py" line="143" />
            <source>Where a building starts</source>
            <translation>楼栋的出发位置</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="67" />
            <source>Where and when incidents happen. INCIDENTS are points, with an optional TIME_FIELD (UTC; times without a zone are taken as UTC) and TYPE_FIELD. They are counted per grid of GRIDS (a point on a shared boundary counts once) or, without GRIDS, per square cell of CELL_SIZE metres covering them (grid versions not valid today, by valid_from/valid_to, are left out). OUTPUT: each grid or cell with incidents, density_per_km2, top_type, neighbours, the Getis-Ord Gi* z-score gi_z, its two-sided p-value gi_p and gi_class (hot_99, hot_95, hot_90, not_significant, cold_90, cold_95, cold_99: z above or below 0 with p under 0.01, 0.05, 0.10; no correction for multiple tests). Gi* uses binary weights with the zone itself included; NEIGHBOURS queen = zones sharing a boundary or corner, distance = centroids within DISTANCE_BAND metres (0: 1.5 cell sizes, or 1.5 times the median distance between neighbouring grid centroids). DENSITY: a GeoTIFF of incidents per km² from a quartic kernel of radius BANDWIDTH metres (0: twice the cell size or the typical grid width) on pixels of PIXEL_SIZE metres (0: a tenth of the bandwidth). HOUR_WEEKDAY and MONTHS: the incidents by local weekday and hour and by month with its season, in TIME_ZONE (IANA name or offset, default Asia/Shanghai), for all incidents and per type; incidents without a time are counted and left out, and when none has a time the profiles hold one row saying so. Distances are in metres in a projected CRS chosen for the data; the outputs are in that CRS.</source>
            <translation>分析事件发生的地点和时间。INCIDENTS 为点，可选发生时间字段 TIME_FIELD（UTC；不带时区的时间按 UTC 处理）和类型字段 TYPE_FIELD。事件按 GRIDS 中的网格计数（落在公共边界上的点只计一次），未指定 GRIDS 时按覆盖事件的边长为 CELL_SIZE 米的方格计数（按 valid_from/valid_to 今日不在有效期内的网格版本不参与）。OUTPUT：每个网格或方格的事件数 incidents、密度 density_per_km2、最多的事件类型 top_type、邻接单元数 neighbours、Getis-Ord Gi* 的 z 值 gi_z、双侧 p 值 gi_p 和分级 gi_class（hot_99、hot_95、hot_90、not_significant、cold_90、cold_95、cold_99：z 大于或小于 0，且 p 小于 0.01、0.05、0.10；未做多重检验校正）。Gi* 使用包含单元自身的二值权重；NEIGHBOURS 为 queen 时，邻接单元为共边或共角的单元，为 distance 时为质心相距不超过 DISTANCE_BAND 米的单元（0：1.5 倍方格边长，或相邻网格质心距离中位数的 1.5 倍）。DENSITY：以四次核函数、半径 BANDWIDTH 米（0：方格边长或典型网格宽度的 2 倍）计算的每平方公里事件数 GeoTIFF，像元大小为 PIXEL_SIZE 米（0：核半径的十分之一）。HOUR_WEEKDAY 和 MONTHS：按 TIME_ZONE（IANA 名称或时差，默认 Asia/Shanghai）当地时间统计的星期×小时分布和月份（含季节）分布，包括全部事件及各类型事件；没有时间的事件计数后剔除，全部事件都没有时间时，各分布输出一行加以说明。距离在为数据选定的米制投影坐标参考系中计算，输出也采用该坐标参考系。</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="106" />
            <source>Where coordinates and address disagree, trust</source>
            <translation>坐标与地址不一致时，以此为准</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="29" />
            <source>Where to add cameras</source>
            <translation>视频监控补点选址</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="216" />
            <source>Why (required when verification fails)</source>
            <translation>原因（核查未通过时必填）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="114" />
            <source>Workspace</source>
            <translation>工作空间</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/migrate_workspace.py" line="28" />
            <source>Workspace (GeoPackage file, PostgreSQL connection or URI)</source>
            <translation>工作空间（GeoPackage 文件、PostgreSQL 连接或 URI）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="126" />
            <source>Workspace (GeoPackage or PostgreSQL)</source>
            <translation>工作空间（GeoPackage 或 PostgreSQL）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="43" />
            <source>Workspace CRS</source>
            <translation>工作空间坐标参考系</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="40" />
            <location filename="../../processing/algorithms/data_quality.py" line="45" />
            <location filename="../../processing/algorithms/import_osm.py" line="74" />
            <source>Workspace GeoPackage</source>
            <translation>工作空间 GeoPackage 文件</translation>
        </message>
        <message>
            <location filename="../../layers/project.py" line="44" />
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
            <location filename="../../layers/lookup.py" line="348" />
            <location filename="../../layers/lookup.py" line="371" />
            <location filename="../../layers/pg_analysis.py" line="73" />
            <source>Workspace {path} has no layer {layer}</source>
            <translation>工作空间 {path} 中没有图层 {layer}</translation>
        </message>
        <message>
            <location filename="../../layers/migrations.py" line="67" />
            <location filename="../../layers/postgis.py" line="491" />
            <location filename="../../layers/postgis_qgis.py" line="264" />
            <source>Workspace {path} has schema version {found}, newer than this OneGrid ({supported}); update the plugin</source>
            <translation>工作空间 {path} 的数据结构版本为 {found}，高于当前一张网插件支持的版本（{supported}），请更新插件</translation>
        </message>
        <message>
            <location filename="../../layers/postgis_qgis.py" line="260" />
            <source>Workspace {path} has schema version {found}; the database owner upgrades it with onegrid:migrate_workspace</source>
            <translation>工作空间 {path} 的数据结构版本为 {found}；请数据库所有者用 onegrid:migrate_workspace 升级</translation>
        </message>
        <message>
            <location filename="../../layers/postgis.py" line="892" />
            <location filename="../../layers/postgis.py" line="1028" />
            <source>Workspace {path} has schema version {found}; upgrade it with onegrid:migrate_workspace before copying</source>
            <translation>工作空间 {path} 的数据结构版本为 {found}；请先用 onegrid:migrate_workspace 升级再复制</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/migrate_workspace.py" line="56" />
            <source>Workspace {path} is at schema version {version}; nothing to do</source>
            <translation>工作空间 {path} 的数据结构已是版本 {version}，无需升级</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="95" />
            <source>Workspace {path} upgraded from schema version {old} to {new}</source>
            <translation>工作空间 {path} 的数据结构已从版本 {old} 升级到 {new}</translation>
        </message>
        <message>
            <location filename="../../layers/project.py" line="103" />
            <location filename="../../processing/algorithms/migrate_workspace.py" line="59" />
            <source>Workspace {path} upgraded from schema version {old} to {new}: {changes}</source>
            <translation>工作空间 {path} 的数据结构已从版本 {old} 升级到 {new}：{changes}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_siting.py" line="68" />
            <source>Worth of one key place, in metres of road</source>
            <translation>每个重点部位折合的道路长度（米）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="126" />
            <source>Writing layer {layer}</source>
            <translation>正在写入图层 {layer}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="72" />
            <location filename="../../processing/algorithms/import_tracks.py" line="97" />
            <source>X / longitude column</source>
            <translation>X / 经度列</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="74" />
            <location filename="../../processing/algorithms/import_tracks.py" line="98" />
            <source>Y / latitude column</source>
            <translation>Y / 纬度列</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="22" />
            <source>autumn (Sep-Nov)</source>
            <translation>秋季（9-11 月）</translation>
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
            <location filename="../../grid_plugin/events.py" line="440" />
            <source>deadline {time}</source>
            <translation>办结时限 {time}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="285" />
            <source>device id</source>
            <translation>设备编号</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="445" />
            <source>escalated</source>
            <translation>已督办</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="443" />
            <source>failed verifications: {count}</source>
            <translation>核查未通过 {count} 次</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="59" />
            <source>impossible jump (faster than the speed limit)</source>
            <translation>不可能的跳变（超过速度上限）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="54" />
            <source>no device id</source>
            <translation>没有设备编号</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="57" />
            <source>no position</source>
            <translation>没有位置</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="55" />
            <source>no time</source>
            <translation>没有时间</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="524" />
            <location filename="../../grid_plugin/house_lookup.py" line="533" />
            <source>not linked</source>
            <translation>未关联</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="544" />
            <source>rented</source>
            <translation>出租</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="58" />
            <source>second fix of the device at the same time</source>
            <translation>同一设备同一时刻的第二个定位点</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="21" />
            <source>spring (Mar-May)</source>
            <translation>春季（3-5 月）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="21" />
            <source>summer (Jun-Aug)</source>
            <translation>夏季（6-8 月）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="286" />
            <source>time</source>
            <translation>时间</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="56" />
            <source>time not understood, or not existing in the local zone</source>
            <translation>时间无法识别，或在当地时区中不存在</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="22" />
            <source>winter (Dec-Feb)</source>
            <translation>冬季（12-2 月）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="287" />
            <source>x / longitude</source>
            <translation>x（经度）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="288" />
            <source>y / latitude</source>
            <translation>y（纬度）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="321" />
            <source>{buildings} buildings, {households} households, {people} residents indexed</source>
            <translation>已建立索引：楼栋 {buildings} 栋，住户 {households} 户，人员 {people} 人</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/code_grids.py" line="203" />
            <source>{changed} of {total} grids got a new {scheme} code, {kept} kept theirs; {closed} closed versions left as they were (measured in EPSG:{epsg})</source>
            <translation>{total} 个网格中有 {changed} 个获得新的 {scheme} 编码，{kept} 个保留原编码；{closed} 个已失效版本保持不变（在 EPSG:{epsg} 中量算）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="424" />
            <source>{change} by {who}</source>
            <translation>{change}，操作人：{who}</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="436" />
            <source>{code}: {type}, {status}</source>
            <translation>{code}：{type}，{status}</translation>
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
            <location filename="../../processing/algorithms/camera_siting.py" line="102" />
            <source>{count} candidate cameras</source>
            <translation>候选点位 {count} 个</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/hotspots.py" line="113" />
            <source>{count} cells of {size} m would be needed to cover the incidents; choose a larger cell size</source>
            <translation>覆盖这些事件需要 {count} 个 {size} 米的方格，请选择更大的方格边长</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/merge_grids.py" line="170" />
            <source>{count} conflicts (pieces of {low:.0%} to {high:.0%} of a base grid)</source>
            <translation>{count} 处冲突（占基础网格面积 {low:.0%} 至 {high:.0%} 的图斑）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/event_report.py" line="100" />
            <source>{count} events of {layer} are in an illegal state ({reason}), for example: {example}</source>
            <translation>{layer} 中有 {count} 件事件处于非法状态（{reason}），例如：{example}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="426" />
            <source>{count} facilities of {layer} are farther than {distance} m from any road and get no area; feature ids {ids}</source>
            <translation>{layer} 中有 {count} 处设施距任何道路都超过 {distance} 米，不生成等时圈；要素 ID：{ids}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="195" />
            <source>{count} facilities of {layer} have no {field} and are ignored</source>
            <translation>{layer} 中有 {count} 处设施缺少 {field}，已忽略</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="148" />
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
            <location filename="../../processing/algorithms/event_report.py" line="118" />
            <source>{count} grid codes of the events are not in the grids: {codes}</source>
            <translation>事件中有 {count} 个网格编码不在网格图层中：{codes}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="150" />
            <source>{count} grid versions not valid today were left out</source>
            <translation>已排除 {count} 个今日不在有效期内的网格版本</translation>
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
            <location filename="../../processing/analysis/hotspots.py" line="529" />
            <source>{count} incidents are outside every grid: left out of the counts (they are in the density surface)</source>
            <translation>{count} 件事件不在任何网格内：未计入网格统计（已计入密度面）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/hotspots.py" line="573" />
            <source>{count} incidents have a time that is not a date-time: left out of the profiles</source>
            <translation>{count} 件事件的时间不是有效的日期时间：未计入时间分布</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/hotspots.py" line="483" />
            <source>{count} incidents have no location: left out of the counts and the density surface</source>
            <translation>{count} 件事件没有位置：未计入统计和密度面</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/hotspots.py" line="570" />
            <source>{count} incidents have no time: left out of the hour, weekday and month profiles</source>
            <translation>{count} 件事件没有时间：未计入小时、星期和月份分布</translation>
        </message>
        <message>
            <location filename="../../processing/adapter.py" line="88" />
            <source>{count} invalid geometries of {layer} were repaired (feature ids {ids})</source>
            <translation>已修复 {layer} 中 {count} 个无效几何（要素 ID：{ids}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="117" />
            <source>{count} objects of layer {layer} are already in the workspace and were skipped (set REPLACE to refresh them)</source>
            <translation>图层 {layer} 中有 {count} 个对象已在工作空间中，已跳过（如需更新，请设置 REPLACE）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="172" />
            <source>{count} origins of {layer} are farther than {distance} m from any road and get no value (feature id: distance m) {items}</source>
            <translation>{layer} 中有 {count} 个起点距任何道路都超过 {distance} 米，不计算结果（要素 ID：距离米数）{items}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="180" />
            <source>{count} origins of {layer} are on road pieces disconnected from the largest network component ({size} nodes); feature ids {ids}</source>
            <translation>{layer} 中有 {count} 个起点位于与最大连通路网（{size} 个节点）不相连的路段上；要素 ID：{ids}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="495" />
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
            <location filename="../../processing/algorithms/link_records.py" line="42" />
            <source>{count} records could not be linked ({method})</source>
            <translation>{count} 条记录未能挂接（{method}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="34" />
            <source>{count} records lie in a building footprint ({method})</source>
            <translation>{count} 条记录落在楼栋轮廓内（{method}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="41" />
            <source>{count} records lie in a parcel but in no building ({method})</source>
            <translation>{count} 条记录落在宗地内、但不在任何楼栋内（{method}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="39" />
            <source>{count} records matched a building's address approximately ({method})</source>
            <translation>{count} 条记录与楼栋地址模糊匹配（{method}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="37" />
            <source>{count} records matched a building's standard address exactly ({method})</source>
            <translation>{count} 条记录与楼栋标准地址精确匹配（{method}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/link_records.py" line="35" />
            <source>{count} records took the nearest building within the distance ({method})</source>
            <translation>{count} 条记录取了距离范围内最近的楼栋（{method}）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="643" />
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
            <location filename="../../processing/algorithms/import_tracks.py" line="45" />
            <source>{devices} devices, {trips} trips ({single} of a single fix); times stored in UTC, local times in {zone}</source>
            <translation>设备 {devices} 台，行程 {trips} 个（其中 {single} 个只有一个定位点）；时间以 UTC 存储，当地时间按 {zone}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/event_report.py" line="160" />
            <source>{events} events at {time} UTC: {closed} closed, {rate} % of those with a deadline on time, {overdue} open past the deadline, {invalid} in illegal states</source>
            <translation>截至 {time}（UTC）共有事件 {events} 件：已结案 {closed} 件，有时限的事件按期结案率 {rate}%，超时未结案 {overdue} 件，状态非法 {invalid} 件</translation>
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
            <location filename="../../processing/analysis/tracks.py" line="262" />
            <source>{file} has no column {column}; its columns are: {columns}</source>
            <translation>{file} 中没有 {column} 列；该文件的列为：{columns}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="235" />
            <location filename="../../processing/analysis/tables.py" line="241" />
            <source>{file} has no sheet {sheet}; its sheets are: {sheets}</source>
            <translation>{file} 中没有工作表 {sheet}；现有工作表为：{sheets}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="328" />
            <source>{file} has no track points</source>
            <translation>{file} 中没有轨迹点</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="270" />
            <source>{file} has no {what} column: name it with a parameter (columns: {columns})</source>
            <translation>{file} 中没有 {what} 列：请用参数指定列名（现有列：{columns}）</translation>
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
            <location filename="../../processing/analysis/tracks.py" line="319" />
            <source>{file} is not a GPX file GDAL can read</source>
            <translation>{file} 不是 GDAL 能读取的 GPX 文件</translation>
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
            <location filename="../../processing/analysis/synthetic.py" line="1432" />
            <source>{homes} home positions given for {devices} patrol devices</source>
            <translation>给出了 {homes} 个起始位置，与巡查设备数 {devices} 不一致</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/change.py" line="106" />
            <source>{ids} edited grids but {geometries} new geometries</source>
            <translation>编辑了 {ids} 个网格，但新几何有 {geometries} 个，两者数量应一致</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/incident_hotspots.py" line="201" />
            <source>{incidents} incidents in {zones} zones (EPSG:{epsg}): {hot} hot and {cold} cold spots at 90% or more; {timed} with a time</source>
            <translation>{zones} 个统计单元内共有事件 {incidents} 件（EPSG:{epsg}）：置信度 90% 及以上的热点 {hot} 个、冷点 {cold} 个；有时间的事件 {timed} 件</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="148" />
            <source>{kind}: {count} records change grid</source>
            <translation>{kind}：{count} 条记录所属网格发生变化</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/data_quality.py" line="142" />
            <location filename="../../processing/algorithms/data_quality.py" line="151" />
            <source>{kind}: {linked} of {records} linked</source>
            <translation>{kind}：{records} 条中已关联 {linked} 条</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="674" />
            <source>{layer} has no location: leave the X, Y and WKT fields empty</source>
            <translation>{layer} 不含位置信息：请将 X、Y 和 WKT 列留空</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="131" />
            <source>{layer}: {old} grids valid on {start}, {new} on {end}</source>
            <translation>{layer}：{start} 有效的网格 {old} 个，{end} 有效的网格 {new} 个</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/camera_coverage.py" line="121" />
            <source>{layer}: {share} % covered</source>
            <translation>{layer}：覆盖率 {share}%</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/copy_workspace.py" line="86" />
            <source>{layer}: {source} rows, {target} copied</source>
            <translation>{layer}：共 {source} 行，已复制 {target} 行</translation>
        </message>
        <message>
            <location filename="../../layers/postgis_qgis.py" line="32" />
            <source>{name} is neither a PostgreSQL URI nor a QGIS PostgreSQL connection; known connections: {known}</source>
            <translation>{name} 既不是 PostgreSQL URI，也不是 QGIS 中的 PostgreSQL 连接；已有连接：{known}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="152" />
            <source>{no_leader} grids without a grid leader, {no_full_time} without a full-time grid worker, {retired} staff whose grid is retired</source>
            <translation>{no_leader} 个网格没有网格长，{no_full_time} 个网格没有专职网格员，{retired} 名网格人员所在的网格已撤销</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/house_lookup.py" line="404" />
            <source>{n} people found</source>
            <translation>找到 {n} 人</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/service_circles.py" line="176" />
            <source>{origins} origins, {categories} categories: {deficient} origin and category pairs miss the {largest}-minute tier</source>
            <translation>{origins} 个起点、{categories} 个设施类别：有 {deficient} 个起点与类别组合未达到 {largest} 分钟圈层</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="212" />
            <source>{output} is empty: give {input}</source>
            <translation>{output} 为空：请指定 {input}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/shelter_check.py" line="113" />
            <source>{outside} of {origins} origins have no shelter within the time; {overloaded} of {shelters} shelters are overloaded</source>
            <translation>{origins} 个起点中有 {outside} 个在限定时间内无法到达避难场所；{shelters} 个避难场所中有 {overloaded} 个超载</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="105" />
            <source>{parameter} is not a valid date</source>
            <translation>{parameter} 不是有效日期</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/grid_change_impact.py" line="108" />
            <source>{parameter} is required with a versioned GRIDS layer</source>
            <translation>使用带版本的 GRIDS 图层时必须指定 {parameter}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/patrol.py" line="781" />
            <location filename="../../processing/analysis/patrol.py" line="787" />
            <location filename="../../processing/analysis/patrol.py" line="1000" />
            <source>{parameter} must be positive, not {value}</source>
            <translation>{parameter} 必须大于 0，当前为 {value}</translation>
        </message>
        <message>
            <location filename="../../layers/workspace.py" line="111" />
            <source>{path} already exists; choose another file or allow overwriting</source>
            <translation>{path} 已存在，请选择其他文件或允许覆盖</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/data_quality.py" line="108" />
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
            <location filename="../../layers/project.py" line="46" />
            <source>{path} is not a OneGrid workspace: it has none of the workspace layers</source>
            <translation>{path} 不是一张网工作空间：其中没有任何工作空间图层</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/entrances.py" line="69" />
            <location filename="../../processing/analysis/osm.py" line="151" />
            <source>{path} is not an OpenStreetMap file (.osm, .osm.pbf) that GDAL can read</source>
            <translation>{path} 不是 GDAL 能读取的 OpenStreetMap 文件（.osm、.osm.pbf）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="64" />
            <source>{status} (verification failed: back to handling)</source>
            <translation>{status}（核查未通过，退回处置）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="62" />
            <source>{status} (verification passed)</source>
            <translation>{status}（核查通过）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/hotspots.py" line="329" />
            <source>{timezone} is not a time zone; give an IANA name such as Asia/Shanghai or an offset such as +08:00</source>
            <translation>{timezone} 不是时区；请填写 IANA 时区名称（如 Asia/Shanghai）或时差（如 +08:00）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/events.py" line="319" />
            <source>{type}; past its deadline</source>
            <translation>{type}；已超时</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_plan.py" line="110" />
            <source>{used} of {incidents} incidents used; {month} is in {season}; months of that season in the data: {months}</source>
            <translation>共 {incidents} 件事件，使用 {used} 件；{month} 属于{season}；数据中该季节的月份：{months}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/patrol.py" line="427" />
            <source>{value} is not a date (write it as 2024-01-31)</source>
            <translation>{value} 不是日期（请写成 2024-01-31）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/service.py" line="95" />
            <source>{value} is not a list of numbers</source>
            <translation>{value} 不是数字列表（请用逗号分隔，如 5,10,15）</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/patrol.py" line="941" />
            <source>{value} is not a month: write it as 2026-07</source>
            <translation>{value} 不是月份，请写成 2026-07</translation>
        </message>
        <message>
            <location filename="../../layers/pg_analysis.py" line="727" />
            <location filename="../../processing/algorithms/base.py" line="48" />
            <location filename="../../processing/analysis/entrances.py" line="115" />
            <source>{value} is not a valid {parameter}; choose one of: {options}</source>
            <translation>{value} 不是有效的 {parameter}，请选择以下之一：{options}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/patrol_coverage.py" line="128" />
            <source>{visits} visits, {stops} stops; {compliant} of {grid_days} grid-days meet 一日双巡</source>
            <translation>到访 {visits} 次，停留 {stops} 次；{grid_days} 个网格日中有 {compliant} 个达到一日双巡</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tracks.py" line="87" />
            <location filename="../../processing/analysis/tracks.py" line="93" />
            <source>{zone} is not a time zone: use an offset such as +08:00 or a zone name such as Asia/Shanghai</source>
            <translation>{zone} 不是时区：请使用时差（如 +08:00）或时区名称（如 Asia/Shanghai）</translation>
        </message>
    </context>
</TS>
