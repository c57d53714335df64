<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>OneGrid</name>
        <message>
            <location filename="../../grid_plugin/plugin.py" line="55" />
            <location filename="../../grid_plugin/plugin.py" line="70" />
            <source>&amp;OneGrid</source>
            <translation>一张网(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../layers/workspace.py" line="107" />
            <source>A workspace is a GeoPackage: {path} must end in .gpkg</source>
            <translation>工作空间是一个 GeoPackage 文件：{path} 的扩展名必须是 .gpkg</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="678" />
            <source>An X field needs a Y field and a Y field an X field</source>
            <translation>X 列和 Y 列须同时指定：指定了 X 列就要指定 Y 列，反之亦然</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="80" />
            <source>Buildings imported</source>
            <translation>已导入楼栋数</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="78" />
            <source>CRS of the coordinates (EPSG:nnnn, WGS84, GCJ02 or BD09)</source>
            <translation>坐标所用的坐标参考系（EPSG:nnnn、WGS84、GCJ02 或 BD09）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/base.py" line="113" />
            <source>Canceled by the user</source>
            <translation>已被用户取消</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="147" />
            <source>Cannot create the output layer</source>
            <translation>无法创建输出图层</translation>
        </message>
        <message>
            <location filename="../../processing/adapter.py" line="148" />
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
            <location filename="../../layers/styles.py" line="478" />
            <source>Cannot store the default style of layer {layer} in {path}: {error}</source>
            <translation>无法将图层 {layer} 的默认样式保存到 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../../layers/workspace.py" line="116" />
            <source>Cannot write a workspace into the folder {folder}</source>
            <translation>无法在文件夹 {folder} 中写入工作空间，请确认该文件夹存在且有写入权限</translation>
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
            <location filename="../../processing/analysis/synthetic.py" line="654" />
            <source>Community {code} would need {k} base grids; a community has at most 999</source>
            <translation>社区 {code} 需要划分 {k} 个基础网格，但一个社区最多只能有 999 个基础网格</translation>
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
            <location filename="../../processing/algorithms/import_osm.py" line="111" />
            <source>Deleted {count} rows imported from OpenStreetMap before from layer {layer}</source>
            <translation>已从图层 {layer} 删除此前从 OpenStreetMap 导入的 {count} 条记录</translation>
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
            <location filename="../../processing/algorithms/import_osm.py" line="81" />
            <source>Facilities imported</source>
            <translation>已导入公共服务设施数</translation>
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
            <location filename="../../processing/analysis/synthetic.py" line="1399" />
            <source>Fix interval and walking speed must be positive</source>
            <translation>定位间隔和步行速度都必须大于 0</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="707" />
            <source>Floor area per household must be positive, not {n} m²</source>
            <translation>户均建筑面积必须大于 0，当前为 {n} m²</translation>
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
            <location filename="../../processing/analysis/tables.py" line="680" />
            <source>Give either X and Y fields or a WKT field, not both</source>
            <translation>请指定 X、Y 列或 WKT 列二者之一，不能同时指定</translation>
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
            <location filename="../../processing/algorithms/import_table.py" line="69" />
            <source>Kind of records (target layer)</source>
            <translation>记录类型（目标图层）</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="113" />
            <source>Layer</source>
            <translation>图层</translation>
        </message>
        <message>
            <location filename="../../processing/adapter.py" line="60" />
            <location filename="../../processing/algorithms/convert_coordinates.py" line="110" />
            <location filename="../../processing/analysis/crs.py" line="116" />
            <source>Layer {layer} has no coordinate reference system</source>
            <translation>图层 {layer} 没有坐标参考系，请先为其设置坐标参考系</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="203" />
            <source>Layer {layer} has no field {field}</source>
            <translation>图层 {layer} 没有字段 {field}</translation>
        </message>
        <message>
            <location filename="../../processing/adapter.py" line="44" />
            <location filename="../../processing/adapter.py" line="88" />
            <location filename="../../processing/analysis/tables.py" line="319" />
            <source>Layer {layer} has no field {field}; its fields are: {fields}</source>
            <translation>图层 {layer} 没有字段 {field}；该图层的字段为：{fields}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/crs.py" line="122" />
            <source>Layer {layer} has no geometry to choose a metric coordinate system from</source>
            <translation>图层 {layer} 没有几何，无法据此选择以米为单位的坐标系</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="1208" />
            <source>Layer {layer} has no lines</source>
            <translation>图层 {layer} 中没有线要素</translation>
        </message>
        <message>
            <location filename="../../processing/adapter.py" line="93" />
            <location filename="../../processing/analysis/synthetic.py" line="1061" />
            <source>Layer {layer} is empty</source>
            <translation>图层 {layer} 为空</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/convert_coordinates.py" line="125" />
            <source>Layer {layer} is empty: nothing to convert</source>
            <translation>图层 {layer} 为空，没有可转换的要素</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="194" />
            <source>Layer {layer} must be in a projected coordinate reference system in metres, not {crs}</source>
            <translation>图层 {layer} 必须使用以米为单位的投影坐标参考系，而不是 {crs}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/create_workspace.py" line="35" />
            <source>Layers created</source>
            <translation>已创建图层数</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="292" />
            <location filename="../../processing/analysis/synthetic.py" line="633" />
            <location filename="../../processing/analysis/synthetic.py" line="560" />
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
            <location filename="../../processing/algorithms/import_osm.py" line="88" />
            <source>No OpenStreetMap file given</source>
            <translation>未指定 OpenStreetMap 文件</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/crs.py" line="43" />
            <location filename="../../processing/analysis/crs.py" line="60" />
            <source>No coordinates to choose a metric coordinate system from</source>
            <translation>没有坐标，无法选择以米为单位的坐标系</translation>
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
            <location filename="../../processing/analysis/osm.py" line="179" />
            <source>OSM file {path} does not exist</source>
            <translation>OSM 文件 {path} 不存在</translation>
        </message>
        <message>
            <location filename="../../grid_plugin/dock.py" line="55" />
            <location filename="../../grid_plugin/plugin.py" line="52" />
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
            <location filename="../../grid_plugin/plugin.py" line="47" />
            <source>OneGrid panel</source>
            <translation>一张网面板</translation>
        </message>
        <message>
            <location filename="../../layers/project.py" line="109" />
            <source>OneGrid workspace</source>
            <translation>一张网工作空间</translation>
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
            <location filename="../../grid_plugin/dock.py" line="81" />
            <source>Path of a workspace GeoPackage (.gpkg)</source>
            <translation>工作空间 GeoPackage 文件（.gpkg）的路径</translation>
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
            <location filename="../../processing/algorithms/convert_coordinates.py" line="113" />
            <source>Reading {layer}</source>
            <translation>正在读取 {layer}</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="97" />
            <source>Reading {path}</source>
            <translation>正在读取 {path}</translation>
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
            <location filename="../../grid_plugin/plugin.py" line="49" />
            <source>Show or hide the OneGrid panel</source>
            <translation>显示或隐藏一张网面板</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="66" />
            <source>Table (CSV, TXT or XLSX)</source>
            <translation>表格（CSV、TXT 或 XLSX）</translation>
        </message>
        <message>
            <location filename="../../layers/project.py" line="121" />
            <source>Tables</source>
            <translation>数据表</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="67" />
            <source>Tables (*.csv *.txt *.tsv *.xlsx *.xls)</source>
            <translation>表格 (*.csv *.txt *.tsv *.xlsx *.xls)</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_table.py" line="81" />
            <source>Text encoding of a CSV</source>
            <translation>CSV 文件的字符编码</translation>
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
            <location filename="../../processing/analysis/synthetic.py" line="555" />
            <source>The area to divide into communities is empty</source>
            <translation>要划分社区的区域为空</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="552" />
            <source>The number of communities must be between 1 and 999, not {n}</source>
            <translation>社区数量必须在 1 到 999 之间，当前为 {n}</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/synthetic.py" line="638" />
            <source>The target number of households per grid must be positive, not {n}</source>
            <translation>每个网格的目标户数必须大于 0，当前为 {n}</translation>
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
            <location filename="../../layers/styles.py" line="472" />
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
            <location filename="../../processing/algorithms/convert_coordinates.py" line="129" />
            <source>{count} features of {layer} have invalid geometries; they are converted vertex by vertex and kept as they are</source>
            <translation>{layer} 中有 {count} 个要素的几何无效；这些要素将逐个节点转换，几何本身不做修复</translation>
        </message>
        <message>
            <location filename="../../processing/adapter.py" line="71" />
            <source>{count} invalid geometries of {layer} were repaired (feature ids {ids})</source>
            <translation>已修复 {layer} 中 {count} 个无效几何（要素 ID：{ids}）</translation>
        </message>
        <message>
            <location filename="../../processing/algorithms/import_osm.py" line="117" />
            <source>{count} objects of layer {layer} are already in the workspace and were skipped (set REPLACE to refresh them)</source>
            <translation>图层 {layer} 中有 {count} 个对象已在工作空间中，已跳过（如需更新，请设置 REPLACE）</translation>
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
            <location filename="../../processing/analysis/synthetic.py" line="1396" />
            <source>{homes} home positions given for {devices} patrol devices</source>
            <translation>给出了 {homes} 个起始位置，与巡查设备数 {devices} 不一致</translation>
        </message>
        <message>
            <location filename="../../processing/analysis/tables.py" line="674" />
            <source>{layer} has no location: leave the X, Y and WKT fields empty</source>
            <translation>{layer} 不含位置信息：请将 X、Y 和 WKT 列留空</translation>
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
            <location filename="../../processing/algorithms/base.py" line="48" />
            <source>{value} is not a valid {parameter}; choose one of: {options}</source>
            <translation>{value} 不是有效的 {parameter}，请选择以下之一：{options}</translation>
        </message>
    </context>
</TS>
