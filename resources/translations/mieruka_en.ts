<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="79"/>
        <source>データベースを開けません</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="137"/>
        <source>データベースを開く（新しい名前で作成もできます）</source>
        <translation>Open a database (or enter a new name to create one)</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="139"/>
        <source>Mierukaデータ (*.sqlite3 *.db);;すべてのファイル (*)</source>
        <translation>Mieruka data (*.sqlite3 *.db);;All files (*)</translation>
    </message>
</context>
<context>
    <name>DepartmentDialog</name>
    <message>
        <location filename="../../ui/departments.py" line="82"/>
        <source>部門の編集</source>
        <translation>Edit department</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="82"/>
        <source>部門の追加</source>
        <translation>Add department</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="91"/>
        <source>例: 社員が本業に集中できる環境を、正確・迅速な手続きで支える</source>
        <translation>e.g. Let employees focus on their core work by handling procedures accurately and promptly</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="95"/>
        <source>KGIを追加…</source>
        <translation>Add KGI…</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="100"/>
        <source>部門名</source>
        <translation>Department name</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="101"/>
        <source>部門ミッション</source>
        <translation>Department mission</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="102"/>
        <source>つながる会社目標（KGI）</source>
        <translation>Linked company goal (KGI)</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="104"/>
        <source>ミッションは「この部門は何のためにあるか」を一文で。KPIはこのミッションに効くものを選びます。</source>
        <translation>Describe in one sentence why this department exists. Choose KPIs that serve this mission.</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="137"/>
        <source>（なし）</source>
        <translation>(None)</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="151"/>
        <source>KGIを追加</source>
        <translation>Add KGI</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="151"/>
        <source>会社の目標（KGI）:</source>
        <translation>Company goal (KGI):</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="176"/>
        <source>保存できませんでした</source>
        <translation>Could not save</translation>
    </message>
</context>
<context>
    <name>DepartmentListModel</name>
    <message>
        <location filename="../../ui/departments.py" line="60"/>
        <source>（アーカイブ済み）</source>
        <translation> (archived)</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="62"/>
        <source>ミッション未設定</source>
        <translation>Mission not set</translation>
    </message>
</context>
<context>
    <name>DepartmentPanel</name>
    <message>
        <location filename="../../ui/departments.py" line="195"/>
        <source>部門</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="199"/>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="200"/>
        <source>編集</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="202"/>
        <source>上へ</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="204"/>
        <source>下へ</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="205"/>
        <location filename="../../ui/departments.py" line="263"/>
        <source>アーカイブ</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="206"/>
        <source>アーカイブ済みも表示</source>
        <translation>Show archived</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="263"/>
        <source>復元</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="299"/>
        <source>部門をアーカイブ</source>
        <translation>Archive department</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="300"/>
        <source>「{0}」をアーカイブしますか？ データは残り、いつでも復元できます。</source>
        <translation>Archive “{0}”? Its data is kept and you can restore it at any time.</translation>
    </message>
</context>
<context>
    <name>EntryGrid</name>
    <message>
        <location filename="../../ui/entry_grid.py" line="127"/>
        <source>コピー</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="129"/>
        <location filename="../../ui/entry_grid.py" line="271"/>
        <source>貼り付け</source>
        <translation>Paste</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="131"/>
        <source>値を消去</source>
        <translation>Clear values</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="133"/>
        <source>メモを編集…</source>
        <translation>Edit note…</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="134"/>
        <source>このKPIの変更履歴…</source>
        <translation>Change history of this KPI…</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="184"/>
        <source>値の入力</source>
        <translation>Enter values</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="209"/>
        <source>保存できませんでした</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="243"/>
        <source>貼り付ける行が表の下端を超えています。</source>
        <translation>The pasted rows extend past the bottom of the table.</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="248"/>
        <source>貼り付け先が月の列の外にはみ出しています。</source>
        <translation>The pasted area extends beyond the month columns.</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="255"/>
        <source>{0} / {1}月</source>
        <translation>{0}, month {1}</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="266"/>
        <source>貼り付けできませんでした</source>
        <translation>Could not paste</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="267"/>
        <source>次のセルを読み取れなかったため、何も貼り付けていません。

</source>
        <translation>Nothing was pasted because the following cells could not be read:

</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="295"/>
        <source>値の消去</source>
        <translation>Clear values</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="305"/>
        <source>メモの編集</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="313"/>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="313"/>
        <source>この値についてのメモ（理由・背景など）:</source>
        <translation>Note on this value (reason, background, etc.):</translation>
    </message>
</context>
<context>
    <name>EntryGridModel</name>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="200"/>
        <source>{0}月</source>
        <translation>M{0}</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="202"/>
        <source>指標</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="203"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="204"/>
        <source>区分</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="205"/>
        <source>年度計</source>
        <translation>FY total</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="206"/>
        <source>達成率</source>
        <translation>Achv. %</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="210"/>
        <source>{0}年{1}月</source>
        <translation>{0}/{1}</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="212"/>
        <source>実績行: 入力済みの月の集計（集計方法に従う） / 目標行: 年間の目標</source>
        <translation>Actual row: total of the months entered (using the aggregation method) / Target row: annual target</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="275"/>
        <source>実績</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="275"/>
        <source>目標</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="306"/>
        <source>達成率 {0:.1f}%</source>
        <translation>Achievement {0:.1f}%</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="308"/>
        <source>年間目標から自動で割り付けた値です</source>
        <translation>Automatically allocated from the annual target</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="310"/>
        <source>メモ: {0}</source>
        <translation>Note: {0}</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <location filename="../../ui/first_run.py" line="24"/>
        <source>{0}月始まり（{0}月〜{1}）</source>
        <translation>Starts in month {0} (month {0} to {1})</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="26"/>
        <source>{0}月</source>
        <translation>month {0}</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="28"/>
        <source>翌年{0}月</source>
        <translation>month {0} of the next year</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run.py" line="42"/>
        <source>Mierukaへようこそ</source>
        <translation>Welcome to Mieruka</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="50"/>
        <source>部門のミッション・KPI・月次の実績をひとつの場所で見える化します。
はじめに、自分の会社を作成するか、デモ会社で操作を試してください。</source>
        <translation>Mieruka brings your departments' missions, KPIs and monthly actuals together in one place.
To begin, create your own company or try things out with the demo company.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="56"/>
        <source>例: 株式会社〇〇</source>
        <translation>e.g. Example Co., Ltd.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="62"/>
        <source>会社名</source>
        <translation>Company name</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="63"/>
        <source>期首月（年度の始まり）</source>
        <translation>First month of the fiscal year</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="64"/>
        <source>この内容で会社を作成</source>
        <translation>Create company</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="66"/>
        <source>自分の会社を作成</source>
        <translation>Create your own company</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="70"/>
        <source>デモ会社を開く</source>
        <translation>Open demo company</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="71"/>
        <source>まず試してみる</source>
        <translation>Try it out first</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="74"/>
        <source>総務・人事・経理財務・法務・情報システムの5部門と2年分の実績が入ったデモ会社です（別ファイルに作成します）。</source>
        <translation>A demo company with five departments (General Affairs, HR, Accounting &amp; Finance, Legal, IT) and two years of actuals. It is created in a separate file.</translation>
    </message>
</context>
<context>
    <name>GoalTreeModel</name>
    <message>
        <location filename="../../ui/goal_tree.py" line="55"/>
        <source>目標・指標</source>
        <translation>Goals &amp; KPIs</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="55"/>
        <source>種類</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="80"/>
        <source>会社目標（KGI）</source>
        <translation>Company goals (KGI)</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="86"/>
        <location filename="../../ui/goal_tree.py" line="148"/>
        <source>KGI</source>
        <translation>KGI</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="91"/>
        <source>KGI未設定の部門</source>
        <translation>Departments without a KGI</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="96"/>
        <location filename="../../ui/goal_tree.py" line="147"/>
        <source>個人目標</source>
        <translation>Personal goal</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="102"/>
        <source>社員</source>
        <translation>Employee</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="116"/>
        <source>部門</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="119"/>
        <source>ミッション: {0}</source>
        <translation>Mission: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="145"/>
        <source>部門目標</source>
        <translation>Department goal</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="146"/>
        <source>OKR</source>
        <translation>OKR</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="164"/>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
</context>
<context>
    <name>GoalTreePanel</name>
    <message>
        <location filename="../../ui/goal_tree.py" line="191"/>
        <source>会社目標（KGI）から部門目標、KPIまでのつながりです。目標名はダブルクリックで直接編集できます。</source>
        <translation>How company goals (KGIs) connect to department goals and KPIs. Double-click a goal name to edit it.</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="198"/>
        <location filename="../../ui/goal_tree.py" line="286"/>
        <source>KGIを追加</source>
        <translation>Add KGI</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="199"/>
        <location filename="../../ui/goal_tree.py" line="297"/>
        <source>下位の目標を追加</source>
        <translation>Add sub-goal</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="200"/>
        <location filename="../../ui/goal_tree.py" line="308"/>
        <source>目標を削除</source>
        <translation>Delete goal</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="243"/>
        <source>目標:</source>
        <translation>Goal:</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="294"/>
        <source>目標の追加</source>
        <translation>Add goal</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="294"/>
        <source>KGI・部門・目標・社員のいずれかを選んでください。</source>
        <translation>Select a KGI, department, goal or employee.</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="309"/>
        <source>「{0}」を削除しますか？ 下位の目標は一つ上に移り、KPIは残ります。</source>
        <translation>Delete “{0}”? Its sub-goals move up one level, and its KPIs are kept.</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="327"/>
        <source>KGIを追加…</source>
        <translation>Add KGI…</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="329"/>
        <source>下位の目標を追加…</source>
        <translation>Add sub-goal…</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="331"/>
        <source>名前を変更</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="332"/>
        <source>削除…</source>
        <translation>Delete…</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../ui/history_dialog.py" line="40"/>
        <source>{0}年{1}月</source>
        <translation>{0}/{1}</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="45"/>
        <source>実績</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="47"/>
        <source>目標</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="65"/>
        <source>入力</source>
        <translation>Entry</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="66"/>
        <source>貼り付け</source>
        <translation>Paste</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="67"/>
        <source>元に戻す</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="68"/>
        <source>やり直し</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="69"/>
        <source>KPI設定</source>
        <translation>KPI settings</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="70"/>
        <source>デモ</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="76"/>
        <source>取り込み</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="209"/>
        <source>変更履歴 — {0}</source>
        <translation>Change history — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="212"/>
        <source>（単位: {0}）</source>
        <translation> (unit: {0})</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="215"/>
        <source>まだ変更履歴はありません。</source>
        <translation>No changes yet.</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <location filename="../../ui/history_dialog.py" line="101"/>
        <source>日時</source>
        <translation>Date &amp; time</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="102"/>
        <source>利用者</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="103"/>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="104"/>
        <source>種別</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="105"/>
        <source>変更前</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="106"/>
        <source>変更後</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="107"/>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="108"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="152"/>
        <source>変更前のメモ: {0}</source>
        <translation>Previous note: {0}</translation>
    </message>
</context>
<context>
    <name>KpiDialog</name>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="102"/>
        <source>KPIを追加</source>
        <translation>Add KPI</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="102"/>
        <source>KPIを編集</source>
        <translation>Edit KPI</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="113"/>
        <location filename="../../ui/kpi_dialog.py" line="119"/>
        <source>（未設定）</source>
        <translation>(Not set)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="127"/>
        <source>部門ミッション: {0}</source>
        <translation>Department mission: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="129"/>
        <source>部門ミッションはまだ書かれていません（部門の設定で書けます）。</source>
        <translation>No department mission has been written yet (you can add one in the department settings).</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="240"/>
        <source>定性KPIの目標はレベル1〜{0}で入力してください</source>
        <translation>Enter targets for a qualitative KPI as levels 1–{0}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="255"/>
        <source>「{0}」を年月として読み取れません（例: 2026年3月、R8.3、2026/3）</source>
        <translation>Cannot read “{0}” as a month (e.g. 2026/3, Mar 2026, 2026-03)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="302"/>
        <source>期限が開始月より前になっています</source>
        <translation>The deadline is earlier than the start month</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="308"/>
        <source>計測する月を1つ以上選んでください</source>
        <translation>Select at least one month to measure</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="46"/>
        <source>この部門の有効なKPIが{0}件を超えています（少数精鋭を推奨）</source>
        <translation>This department has more than {0} active KPIs (a few focused KPIs work best)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="50"/>
        <source>定性KPIのレベルの説明が揃っていません（{0}/{1}）。評価がぶれないよう、各レベルの状態を書きましょう</source>
        <translation>Level descriptions for this qualitative KPI are incomplete ({0}/{1}). Describe each level so that assessments stay consistent</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="55"/>
        <source>目標値が設定されていないため、達成を測れません</source>
        <translation>No target is set, so achievement cannot be measured</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="58"/>
        <source>単位が設定されていません（例: 件、%、日、円）</source>
        <translation>No unit is set (e.g. items, %, days, yen)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="61"/>
        <source>期限（いつまでに）が設定されていません</source>
        <translation>No deadline (by when) is set</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="64"/>
        <source>基準値と年間目標が同じため、達成率を計算できません</source>
        <translation>The baseline equals the annual target, so the achievement rate cannot be calculated</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="67"/>
        <source>基準値が年間目標よりすでに良い値です。方向（大きいほど良い／小さいほど良い）を確認してください</source>
        <translation>The baseline is already better than the annual target. Check the direction (higher is better / lower is better)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="78"/>
        <source>指標名を入力してください</source>
        <translation>Enter a KPI name</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="81"/>
        <source>「このKPIがミッションにどう効くか」を書いてください</source>
        <translation>Describe how this KPI serves the mission</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="84"/>
        <source>下限が上限より大きくなっています</source>
        <translation>The lower limit is greater than the upper limit</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="87"/>
        <source>小数点以下桁数は0〜{0}にしてください</source>
        <translation>Decimal places must be between 0 and {0}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="92"/>
        <source>保存できません（{0}）</source>
        <translation>Cannot save ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="98"/>
        <source>{0}年{1}月</source>
        <translation>{0}/{1}</translation>
    </message>
</context>
<context>
    <name>KpiFormView</name>
    <message>
        <location filename="../../ui/kpi_form.py" line="158"/>
        <source>例: 問い合わせの平均回答日数</source>
        <translation>e.g. Average days to answer inquiries</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="160"/>
        <source>定量</source>
        <translation>Quantitative</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="161"/>
        <source>定性（レベル1〜5）</source>
        <translation>Qualitative (levels 1–5)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="163"/>
        <source>例: 件、%、日、円</source>
        <translation>e.g. items, %, days, yen</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="165"/>
        <source>大きいほど良い</source>
        <translation>Higher is better</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="166"/>
        <source>小さいほど良い</source>
        <translation>Lower is better</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="167"/>
        <source>範囲内</source>
        <translation>Within range</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="172"/>
        <source>合計</source>
        <translation>Sum</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="173"/>
        <source>平均</source>
        <translation>Average</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="174"/>
        <source>最終値</source>
        <translation>Last value</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="175"/>
        <source>最小</source>
        <translation>Minimum</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="176"/>
        <source>最大</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="183"/>
        <source>任意（現状値・最低ライン）</source>
        <translation>Optional (current value or minimum acceptable level)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="185"/>
        <source>例: 1,200</source>
        <translation>e.g. 1,200</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="193"/>
        <source>任意（例: 2025年4月、R7.4、2025/4）</source>
        <translation>Optional (e.g. 2025/4, Apr 2025, 2025-04)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="195"/>
        <source>例: 2026年3月、R8.3、2026/3</source>
        <translation>e.g. 2026/3, Mar 2026, 2026-03</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="198"/>
        <source>指標名</source>
        <translation>KPI name</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="199"/>
        <source>種類</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="200"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="201"/>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="202"/>
        <source>下限</source>
        <translation>Lower limit</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="203"/>
        <source>上限</source>
        <translation>Upper limit</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="204"/>
        <source>集計方法</source>
        <translation>Aggregation</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="205"/>
        <source>小数点以下桁数</source>
        <translation>Decimal places</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="208"/>
        <source>基準値</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="209"/>
        <source>年間目標</source>
        <translation>Annual target</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="210"/>
        <source>担当者</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="211"/>
        <source>関連する目標</source>
        <translation>Related goal</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="212"/>
        <source>開始月</source>
        <translation>Start month</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="213"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="220"/>
        <source>{0}年度の月次目標と計測する月</source>
        <translation>Monthly targets and measured months for FY {0}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="222"/>
        <source>均等に割り付け</source>
        <translation>Distribute evenly</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="224"/>
        <source>合計のKPIは年間目標を計測する月数で割り、それ以外は毎月に年間目標を入れます</source>
        <translation>For Sum KPIs, the annual target is divided by the number of measured months; for others, every month gets the annual target</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="226"/>
        <source>月次目標をクリア</source>
        <translation>Clear monthly targets</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="227"/>
        <source>空欄の月は年間目標から計算します。</source>
        <translation>Blank months are calculated from the annual target.</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="238"/>
        <source>レベルの説明（定性）</source>
        <translation>Level descriptions (qualitative)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="243"/>
        <source>レベル{0}</source>
        <translation>Level {0}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="245"/>
        <source>例: 手順がなく、担当者によって対応が違う</source>
        <translation>e.g. No set procedure; handling varies from person to person</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="247"/>
        <source>例: 仕組み化され、他部門の手本になっている</source>
        <translation>e.g. Fully systematized and a model for other departments</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="251"/>
        <source>このKPIがミッションにどう効くか（必須）</source>
        <translation>How this KPI serves the mission (required)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="259"/>
        <source>例: 回答が早いほど社員が本来の業務に早く戻れ、ミッション「現場を支える」に効く</source>
        <translation>e.g. Faster answers let employees get back to their own work sooner, which serves the mission “Support the front line”</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="285"/>
        <source>例から選ぶ…</source>
        <translation>Choose from examples…</translation>
    </message>
</context>
<context>
    <name>KpiPanel</name>
    <message>
        <location filename="../../ui/kpi_list.py" line="112"/>
        <source>KPIを追加…</source>
        <translation>Add KPI…</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="113"/>
        <source>例から追加…</source>
        <translation>Add from examples…</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="114"/>
        <source>編集…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="115"/>
        <source>アーカイブ</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="116"/>
        <source>削除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="117"/>
        <source>変更履歴…</source>
        <translation>Change history…</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="118"/>
        <source>アーカイブ済みも表示</source>
        <translation>Show archived</translation>
    </message>
</context>
<context>
    <name>KpiTableModel</name>
    <message>
        <location filename="../../ui/kpi_list.py" line="54"/>
        <source>指標名</source>
        <translation>KPI name</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="55"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="56"/>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="57"/>
        <source>集計</source>
        <translation>Aggregation</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="58"/>
        <source>年間目標</source>
        <translation>Annual target</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="59"/>
        <source>種類</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="60"/>
        <source>担当者</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="61"/>
        <source>ミッションへの効き方</source>
        <translation>How it serves the mission</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="71"/>
        <source>（アーカイブ済み）</source>
        <translation> (archived)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="12"/>
        <source>大きいほど良い</source>
        <translation>Higher is better</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="13"/>
        <source>小さいほど良い</source>
        <translation>Lower is better</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="14"/>
        <source>範囲内</source>
        <translation>Within range</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>合計</source>
        <translation>Sum</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>平均</source>
        <translation>Average</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>最終値</source>
        <translation>Last value</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>最小</source>
        <translation>Minimum</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>最大</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <source>定量</source>
        <translation>Quantitative</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <source>定性</source>
        <translation>Qualitative</translation>
    </message>
</context>
<context>
    <name>LibraryDialog</name>
    <message>
        <location filename="../../ui/library_dialog.py" line="120"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="121"/>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="122"/>
        <source>集計方法</source>
        <translation>Aggregation</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="126"/>
        <source>目標の例</source>
        <translation>Example target</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="130"/>
        <source>範囲の例</source>
        <translation>Example range</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="134"/>
        <source>なぜ測るか</source>
        <translation>Why measure it</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="135"/>
        <source>測り方</source>
        <translation>How to measure</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="141"/>
        <source>レベルの説明</source>
        <translation>Level descriptions</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="144"/>
        <source>レベル{0}</source>
        <translation>Level {0}</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="175"/>
        <source>KPIの例から選ぶ</source>
        <translation>Choose from KPI examples</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="182"/>
        <source>指標名で絞り込み</source>
        <translation>Filter by KPI name</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="207"/>
        <source>この例を使う</source>
        <translation>Use this example</translation>
    </message>
</context>
<context>
    <name>LibraryEntryModel</name>
    <message>
        <location filename="../../ui/library_dialog.py" line="71"/>
        <source>指標名</source>
        <translation>KPI name</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="71"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="71"/>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="71"/>
        <source>種類</source>
        <translation>Type</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="82"/>
        <source>KPIを追加…</source>
        <translation>Add KPI…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="83"/>
        <source>KPIを編集…</source>
        <translation>Edit KPI…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="84"/>
        <source>変更履歴…</source>
        <translation>Change history…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="86"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="100"/>
        <source>セルを選んで数値を入力（１２・1,234・95%・12件 も可）。Excelからの貼り付け、Delete で消去、右クリックでメモ。</source>
        <translation>Select a cell and type a value (e.g. 1,234 or 95%; a number followed by the KPI's unit also works). Paste from Excel, press Delete to clear, right-click to add a note.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117"/>
        <source>月次入力</source>
        <translation>Monthly entry</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118"/>
        <source>KPI一覧</source>
        <translation>KPI list</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="119"/>
        <source>目標ツリー</source>
        <translation>Goal tree</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="120"/>
        <source>社員</source>
        <translation>Employees</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138"/>
        <source>達成 ≥{0:.0f}%</source>
        <translation>Achieved ≥{0:.0f}%</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139"/>
        <source>注意 ≥{0:.0f}%</source>
        <translation>Caution ≥{0:.0f}%</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140"/>
        <source>未達</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <location filename="../../ui/main_window.py" line="228"/>
        <source>{0}年度</source>
        <translation>FY {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="159"/>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>データベースを開く…</source>
        <translation>Open database…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>デモ会社を開く</source>
        <translation>Open demo company</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163"/>
        <source>終了</source>
        <translation>Exit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170"/>
        <source>編集(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <source>元に戻す</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173"/>
        <source>やり直し</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>設定(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>会社と表示の設定…</source>
        <translation>Company and display settings…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190"/>
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <location filename="../../ui/main_window.py" line="437"/>
        <source>Mierukaについて</source>
        <translation>About Mieruka</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="236"/>
        <source>（デモ）</source>
        <translation> (demo)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="238"/>
        <source>データ: {0}</source>
        <translation>Data: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="268"/>
        <source>読み込めませんでした</source>
        <translation>Could not load</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="290"/>
        <source>復元</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="290"/>
        <source>アーカイブ</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="375"/>
        <source>KPIを削除</source>
        <translation>Delete KPI</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="375"/>
        <source>「{0}」を削除しますか？</source>
        <translation>Delete “{0}”?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="383"/>
        <source>実績のあるKPI</source>
        <translation>KPI with actual values</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="385"/>
        <source>「{0}」には{1}件の実績があります。通常はアーカイブしてください（実績と履歴は残ります）。</source>
        <translation>“{0}” has {1} actual value(s) recorded. Normally you should archive it instead (its actual values and history are kept).</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="389"/>
        <source>アーカイブする</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="390"/>
        <source>実績ごと削除する</source>
        <translation>Delete with actual values</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="413"/>
        <source>変更履歴</source>
        <translation>Change history</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="413"/>
        <source>表でKPIの行を選んでください。</source>
        <translation>Select a KPI row in the table.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="438"/>
        <source>Mieruka（見える化） バージョン {0}
部門のミッション・KPI・実績を見える化します。

データ: {1}</source>
        <translation>Mieruka (見える化) version {0}
Makes departments' missions, KPIs and actuals visible.

Data: {1}</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../../ui/members_view.py" line="150"/>
        <source>社員を追加</source>
        <translation>Add employee</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="150"/>
        <source>社員を編集</source>
        <translation>Edit employee</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="153"/>
        <source>例: 1001</source>
        <translation>e.g. 1001</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="155"/>
        <source>例: 山田 太郎</source>
        <translation>e.g. Taro Yamada</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="158"/>
        <source>例: 課長</source>
        <translation>e.g. Section Manager</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="160"/>
        <source>例: G3</source>
        <translation>e.g. G3</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="162"/>
        <source>社員番号（必須）</source>
        <translation>Employee No. (required)</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="163"/>
        <source>氏名（必須）</source>
        <translation>Name (required)</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="164"/>
        <source>部門</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="165"/>
        <source>役職</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="166"/>
        <source>等級</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="180"/>
        <source>（未所属）</source>
        <translation>(No department)</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="206"/>
        <source>社員番号を入力してください。</source>
        <translation>Enter an employee number.</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="208"/>
        <source>氏名を入力してください。</source>
        <translation>Enter a name.</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="238"/>
        <source>別の番号を入力してください。</source>
        <translation> Please enter a different number.</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <location filename="../../ui/members_view.py" line="63"/>
        <source>社員番号</source>
        <translation>Employee No.</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="64"/>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="65"/>
        <source>部門</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="66"/>
        <source>役職</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="67"/>
        <source>等級</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="68"/>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="116"/>
        <source>（未所属）</source>
        <translation>(No department)</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="123"/>
        <source>アーカイブ</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="123"/>
        <source>在籍</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>MembersPanel</name>
    <message>
        <location filename="../../ui/members_view.py" line="269"/>
        <source>絞り込み（社員番号・氏名・部門など）</source>
        <translation>Filter (employee no., name, department, etc.)</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="271"/>
        <source>アーカイブ済みも表示</source>
        <translation>Show archived</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="272"/>
        <source>社員を追加</source>
        <translation>Add employee</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="273"/>
        <source>編集</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="274"/>
        <location filename="../../ui/members_view.py" line="353"/>
        <source>アーカイブ</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="353"/>
        <source>復元</source>
        <translation>Restore</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../ui/messages.py" line="24"/>
        <source>「{0}」はMierukaのデータベースではありません。ファイルは変更していません。</source>
        <translation>“{0}” is not a Mieruka database. The file has not been changed.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="28"/>
        <source>「{0}」は新しいバージョンのMierukaで作成されています。アプリを更新してから開いてください。ファイルは変更していません。</source>
        <translation>“{0}” was created with a newer version of Mieruka. Update the app before opening it. The file has not been changed.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="33"/>
        <source>「{0}」に書き込めません（読み取り専用か、フォルダーに書き込み権限がありません）。ファイルは変更していません。</source>
        <translation>Cannot write to “{0}” (the file is read-only, or you do not have write permission for the folder). The file has not been changed.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="38"/>
        <source>「{0}」は他のプログラムが使用中です。しばらく待ってからもう一度お試しください。保存されていない変更はありません。</source>
        <translation>“{0}” is in use by another program. Wait a moment and try again. There are no unsaved changes.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="43"/>
        <source>「{0}」は壊れています（{1}）。バックアップからの復元をお試しください。</source>
        <translation>“{0}” is damaged ({1}). Try restoring it from a backup.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="47"/>
        <source>データベース「{0}」に接続できません（{1}）。</source>
        <translation>Cannot connect to the database “{0}” ({1}).</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="51"/>
        <source>データベース「{0}」を開けません。</source>
        <translation>Cannot open the database “{0}”.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="55"/>
        <source>社員番号「{0}」は既に使われています。</source>
        <translation>Employee No. “{0}” is already in use.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="59"/>
        <source>このKPIには{0}件の実績があります。</source>
        <translation>This KPI has {0} actual value(s) recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="63"/>
        <source>操作を完了できませんでした（{0}）。</source>
        <translation>The operation could not be completed ({0}).</translation>
    </message>
</context>
<context>
    <name>MissionBanner</name>
    <message>
        <location filename="../../ui/departments.py" line="335"/>
        <source>部門がありません — 左の「追加」から部門を作成してください</source>
        <translation>No departments yet — create one with “Add” on the left</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="341"/>
        <source>ミッション: {0}</source>
        <translation>Mission: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="343"/>
        <source>ミッション: 未設定（部門の「編集」から書きましょう）</source>
        <translation>Mission: not set (write one with the department's “Edit” button)</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="345"/>
        <source>会社目標（KGI）: {0}</source>
        <translation>Company goal (KGI): {0}</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <location filename="../../ui/kpi_form.py" line="110"/>
        <source>計測する月</source>
        <translation>Measured months</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="111"/>
        <source>月次目標</source>
        <translation>Monthly target</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="115"/>
        <source>{0}月</source>
        <translation>M{0}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="118"/>
        <source>{0}に値を入力する</source>
        <translation>Enter values for {0}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="122"/>
        <source>{0}の月次目標</source>
        <translation>Monthly target for {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="39"/>
        <source>1月始まり（1月〜12月）</source>
        <translation>Starts in month 1 (month 1 to month 12)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="40"/>
        <source>{0}月始まり（{0}月〜翌年{1}月）</source>
        <translation>Starts in month {0} (month {0} to month {1} of the next year)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="61"/>
        <source>設定</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="63"/>
        <source>例: 株式会社みえる</source>
        <translation>e.g. Mieru Co., Ltd.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="67"/>
        <source>月</source>
        <translation> (month)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="81"/>
        <source>言語の変更は再起動後に反映されます</source>
        <translation>Language changes take effect after a restart</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="85"/>
        <source>会社名</source>
        <translation>Company name</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="86"/>
        <source>期首月</source>
        <translation>Fiscal year start</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="88"/>
        <source>達成の基準</source>
        <translation>Achieved threshold</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="89"/>
        <source>注意の基準</source>
        <translation>Caution threshold</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="92"/>
        <source>達成率が「達成の基準」以上なら達成、「注意の基準」以上なら注意、それ未満は未達です。</source>
        <translation>An achievement rate at or above the Achieved threshold counts as Achieved, at or above the Caution threshold as Caution, and anything lower as Missed.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="98"/>
        <source>表示言語</source>
        <translation>Display language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="144"/>
        <source>会社名を入力してください。</source>
        <translation>Enter a company name.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="146"/>
        <source>「注意の基準」は「達成の基準」以下にしてください。</source>
        <translation>The Caution threshold must not be higher than the Achieved threshold.</translation>
    </message>
</context>
<context>
    <name>ValueErrors</name>
    <message>
        <location filename="../../ui/value_errors.py" line="16"/>
        <source>「{0}」: 単位がこの指標の単位「{1}」と違います。</source>
        <translation>“{0}”: the unit differs from this KPI's unit “{1}”.</translation>
    </message>
    <message>
        <location filename="../../ui/value_errors.py" line="20"/>
        <source>「{0}」: Excelのエラー値です。数値を入力してください。</source>
        <translation>“{0}”: this is an Excel error value. Enter a number.</translation>
    </message>
    <message>
        <location filename="../../ui/value_errors.py" line="24"/>
        <source>「{0}」: 有限の数値ではありません。</source>
        <translation>“{0}”: not a finite number.</translation>
    </message>
    <message>
        <location filename="../../ui/value_errors.py" line="28"/>
        <source>「{0}」: レベルは1〜5で入力してください。</source>
        <translation>“{0}”: enter a level from 1 to 5.</translation>
    </message>
    <message>
        <location filename="../../ui/value_errors.py" line="31"/>
        <source>「{0}」: 数値として読み取れません（例: 12、1,234、95%、１２件）。</source>
        <translation>“{0}”: cannot be read as a number (e.g. 12, 1,234, 95%).</translation>
    </message>
</context>
</TS>
