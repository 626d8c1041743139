<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name></name>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="103"/>
        <source>{0}（達成率 {1:.0f}%・提案 {2}）</source>
        <translation>{0} (achievement {1:.0f}%, suggested score {2})</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="107"/>
        <source>目標</source>
        <translation>Goal</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="107"/>
        <source>評価項目</source>
        <translation>Evaluation item</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="108"/>
        <source>達成基準</source>
        <translation>Success criteria</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="108"/>
        <source>評価基準（行動の目安）</source>
        <translation>Criteria (expected behavior)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="112"/>
        <source>ウェイト%</source>
        <translation>Weight %</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="117"/>
        <source>難易度</source>
        <translation>Difficulty</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="125"/>
        <source>本人</source>
        <translation>Self</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="126"/>
        <source>一次</source>
        <translation>1st</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="127"/>
        <source>二次</source>
        <translation>2nd</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="131"/>
        <source>関連KPI</source>
        <translation>Related KPI</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="133"/>
        <source>KPIで採点</source>
        <translation>Score by KPI</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="139"/>
        <source>実績・結果</source>
        <translation>Results</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="142"/>
        <source>本人コメント</source>
        <translation>Self comment</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="143"/>
        <source>一次コメント</source>
        <translation>1st comment</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="144"/>
        <source>二次コメント</source>
        <translation>2nd comment</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="166"/>
        <source>区分（加点／減点）</source>
        <translation>Type (bonus/penalty)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="168"/>
        <source>点数</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="170"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="195"/>
        <source>区分（期首／中間／期末）</source>
        <translation>Type (start/mid/end)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="198"/>
        <source>実施日</source>
        <translation>Date held</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="204"/>
        <source>要旨</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_columns.py" line="211"/>
        <source>合意事項</source>
        <translation>Agreements</translation>
    </message>
</context>
<context>
    <name>ActionModel</name>
    <message>
        <location filename="../../ui/dashboard_models.py" line="443"/>
        <source>完了</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="444"/>
        <source>アクション</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="445"/>
        <source>担当</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="446"/>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="447"/>
        <source>部門</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="448"/>
        <source>振り返り</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="476"/>
        <source>期限を過ぎています</source>
        <translation>Overdue</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="112"/>
        <source>データベースを開けません</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="124"/>
        <source>データベースが壊れています</source>
        <translation>The database is damaged</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="129"/>
        <source>{0} のバックアップ（正常）から復元できます。壊れたファイルは控えとして残します。</source>
        <translation>You can restore it from the backup of {0}, which passed the integrity check. The damaged file will be kept as a copy.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="135"/>
        <location filename="../../ui/app.py" line="155"/>
        <source>バックアップから復元</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="140"/>
        <source>使えるバックアップが見つかりません。</source>
        <translation>No usable backup was found.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="156"/>
        <source>サーバーのデータベースは、サーバー側のバックアップから復元してください。</source>
        <translation>Restore a server database from the server&apos;s own backups.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="251"/>
        <source>データベースを開く（新しい名前で作成もできます）</source>
        <translation>Open a database (or enter a new name to create one)</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="253"/>
        <source>Mierukaデータ (*.sqlite3 *.db);;すべてのファイル (*)</source>
        <translation>Mieruka data (*.sqlite3 *.db);;All files (*)</translation>
    </message>
</context>
<context>
    <name>Appraisal</name>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="25"/>
        <source>下書き</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="26"/>
        <source>自己評価済</source>
        <translation>Self-evaluated</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="27"/>
        <source>一次評価済</source>
        <translation>First-level reviewed</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="28"/>
        <source>二次評価済</source>
        <translation>Second-level reviewed</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="29"/>
        <source>確定</source>
        <translation>Finalized</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="35"/>
        <source>業績</source>
        <translation>Performance</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="36"/>
        <source>プロセス・行動</source>
        <translation>Process &amp; behavior</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="42"/>
        <source>期首</source>
        <translation>Start of period</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="43"/>
        <source>中間</source>
        <translation>Mid-period</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="44"/>
        <source>期末</source>
        <translation>End of period</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="50"/>
        <source>加点</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="51"/>
        <source>減点</source>
        <translation>Penalty</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="57"/>
        <source>自己評価を提出</source>
        <translation>Submit self-evaluation</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="58"/>
        <source>一次評価を確定</source>
        <translation>Confirm first-level review</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="59"/>
        <source>二次評価を確定</source>
        <translation>Confirm second-level review</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="60"/>
        <source>確定する</source>
        <translation>Finalize</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="61"/>
        <source>差し戻す（再開）</source>
        <translation>Send back (reopen)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="67"/>
        <source>目標・ウェイト</source>
        <translation>Goals &amp; weights</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="68"/>
        <source>評価者</source>
        <translation>Reviewers</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="69"/>
        <source>本人評価</source>
        <translation>Self-evaluation</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="70"/>
        <source>一次評価</source>
        <translation>First-level review</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="71"/>
        <source>二次評価</source>
        <translation>Second-level review</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="72"/>
        <source>加点・減点</source>
        <translation>Bonus/penalty points</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="73"/>
        <source>面談記録</source>
        <translation>Interview record</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="84"/>
        <source>{0}ブロックの合計が{1:g}%</source>
        <translation>{0} block totals {1:g}%</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="90"/>
        <source>ウェイトが100%になっていないため確定できません（{0}）。</source>
        <translation>Cannot confirm because the weights do not add up to 100% ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="93"/>
        <source>評価項目がないか、ウェイトに誤りがあるため確定できません。</source>
        <translation>Cannot confirm: there are no evaluation items, or the weights are invalid.</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="97"/>
        <source>現在の状態（{0}）ではこの操作はできません。</source>
        <translation>This action is not available in the current status ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="100"/>
        <source>二次評価者が設定されていません。</source>
        <translation>No second-level reviewer is set.</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="103"/>
        <source>二次評価が確定していないため、まだ確定できません。</source>
        <translation>Cannot finalize yet because the second-level review has not been confirmed.</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="106"/>
        <source>一次評価者を設定してから確定してください。</source>
        <translation>Set a first-level reviewer before confirming.</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="109"/>
        <source>差し戻し先には現在より前の段階を選んでください。</source>
        <translation>Choose a stage earlier than the current one to send the sheet back to.</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="115"/>
        <source>「{0}」の段階では {1} は変更できません。必要なら差し戻してください。</source>
        <translation>At the “{0}” stage, {1} can no longer be changed. Send the sheet back if needed.</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="119"/>
        <source>評価期間「{0}」は既にあります。</source>
        <translation>The appraisal period “{0}” already exists.</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="123"/>
        <source>評価期間の設定に誤りがあります（名前・期間・評価尺度・ブロックウェイトの合計100%・評語）。</source>
        <translation>The appraisal period settings are invalid (check the name, dates, rating scale, block weights totaling 100%, and ratings).</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="128"/>
        <source>確定済みのシートが{0}件あるため、採点ルールは変更できません。</source>
        <translation>The scoring rules cannot be changed because {0} sheet(s) are already finalized.</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="132"/>
        <source>値「{0}」は使えません（評点は評価尺度の範囲内、難易度は0より大きい数）。</source>
        <translation>The value “{0}” is not allowed (scores must be within the rating scale; difficulty must be greater than 0).</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_labels.py" line="136"/>
        <source>評価期間がありません。</source>
        <translation>There is no appraisal period.</translation>
    </message>
</context>
<context>
    <name>AppraisalPanel</name>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="160"/>
        <source>新しい評価期間…</source>
        <translation>New appraisal period…</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="161"/>
        <source>期間の設定…</source>
        <translation>Period settings…</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="162"/>
        <source>評価を開始…</source>
        <translation>Start appraisals…</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="163"/>
        <source>シートを開く</source>
        <translation>Open sheet</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="164"/>
        <source>出力</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="166"/>
        <source>評価シートを1つのPDFに…</source>
        <translation>Evaluation sheets as one PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="167"/>
        <source>評価シートを1人1ファイルで…</source>
        <translation>Evaluation sheets, one file per employee…</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="168"/>
        <source>評価結果一覧（PDF）…</source>
        <translation>Results overview (PDF)…</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="169"/>
        <source>評価結果一覧（Excel）…</source>
        <translation>Results overview (Excel)…</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="186"/>
        <location filename="../../ui/appraisal_tab.py" line="281"/>
        <source>評価期間</source>
        <translation>Appraisal period</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="188"/>
        <source>部門</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="228"/>
        <source>全部門</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="250"/>
        <source>評価期間を作成してください（「新しい評価期間…」）。</source>
        <translation>Create an appraisal period (“New appraisal period…”).</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="258"/>
        <source>{0}：{1}名</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="259"/>
        <source>未評価：{0}名</source>
        <translation>Not rated: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="260"/>
        <source>評語の分布&#x3000;</source>
        <translation>Rating distribution: </translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="262"/>
        <source>進捗&#x3000;</source>
        <translation>Progress: </translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="264"/>
        <source>{0} {1}名</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="314"/>
        <source>評価を開始</source>
        <translation>Start appraisals</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="315"/>
        <source>{0}人分のシートを作成しました（作成済み {1}人、目標をコピー {2}人）。</source>
        <translation>Created sheets for {0} employee(s) ({1} already had one; goals copied for {2}).</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="347"/>
        <source>保存先のフォルダー</source>
        <translation>Destination folder</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="351"/>
        <source>PDFに保存</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="352"/>
        <source>評価シート_{0}.pdf</source>
        <translation>Evaluation_sheets_{0}.pdf</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="353"/>
        <location filename="../../ui/appraisal_tab.py" line="387"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="367"/>
        <source>評価シートを出力しています…</source>
        <translation>Exporting evaluation sheets…</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="373"/>
        <location filename="../../ui/appraisal_tab.py" line="397"/>
        <source>出力できません</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="385"/>
        <source>評価結果一覧を保存</source>
        <translation>Save results overview</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="386"/>
        <source>評価結果一覧_{0}.{1}</source>
        <translation>Appraisal_results_{0}.{1}</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="387"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <location filename="../../ui/background_task.py" line="68"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <location filename="../../ui/okr_panel.py" line="420"/>
        <source>チェックイン — {0}</source>
        <translation>Check-in — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="435"/>
        <source> / 10</source>
        <translation> / 10</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="437"/>
        <source>進み具合、障害、次の一手など</source>
        <translation>Progress, blockers, next steps, etc.</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="439"/>
        <source>主要な成果</source>
        <translation>Key result</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="440"/>
        <source>日付</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="441"/>
        <source>現在値</source>
        <translation>Current value</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="442"/>
        <source>自信度（0〜10）</source>
        <translation>Confidence (0–10)</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="443"/>
        <source>コメント</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="475"/>
        <location filename="../../ui/okr_panel.py" line="479"/>
        <source>保存できませんでした</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="475"/>
        <source>自信度は0〜10です。</source>
        <translation>Confidence must be between 0 and 10.</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../ui/dashboard_models.py" line="63"/>
        <source>達成率（年度累計）：{0}&#x3000;{1}</source>
        <translation>Achievement (YTD): {0}  {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="66"/>
        <source>年度末予測：{0}（{1}）</source>
        <translation>Year-end forecast: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="74"/>
        <source>未入力：{0}</source>
        <translation>Missing: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="36"/>
        <source>達成</source>
        <translation>Achieved</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="37"/>
        <location filename="../../ui/dashboard_text.py" line="137"/>
        <source>注意</source>
        <translation>Caution</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="38"/>
        <source>未達</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="39"/>
        <source>実績なし</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="47"/>
        <source>{0}%</source>
        <translation>{0}%</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="58"/>
        <source>{0}年{1}月</source>
        <translation>{0}/{1}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="62"/>
        <source>{0}月</source>
        <translation>M{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="67"/>
        <source>予測なし</source>
        <translation>No forecast</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="68"/>
        <source>実績</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="69"/>
        <source>ランレート</source>
        <translation>Run rate</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="70"/>
        <source>線形トレンド</source>
        <translation>Linear trend</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="71"/>
        <source>前年の季節性</source>
        <translation>Last year&apos;s seasonality</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="77"/>
        <source>これまでの月平均</source>
        <translation>the monthly average so far</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="78"/>
        <source>直近の水準</source>
        <translation>the latest level</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="86"/>
        <source>今年度の実績がないため予測できません。</source>
        <translation>Cannot forecast because there are no actuals for this fiscal year yet.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="88"/>
        <source>年度が締まったため、実績だけで計算しています。</source>
        <translation>The fiscal year is closed, so only actuals are used.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="92"/>
        <source>すべての月に実績が入っているため、実績だけで計算しています。</source>
        <translation>All months have actuals, so only actuals are used.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="96"/>
        <source>前年度と今年度で{0}か月分の実績があるため、残りの月は前年度の同じ月の実績に今年度の前年比（{1}）を掛けて見込みました。</source>
        <translation>With {0} months of actuals across last fiscal year and this one, each remaining month is estimated as last year&apos;s actual for the same month multiplied by this year&apos;s year-on-year ratio ({1}).</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="102"/>
        <source>今年度{0}か月分の実績にはっきりした傾向がある（決定係数{1}）ため、直線を当てはめて年度末まで延ばしました（1か月あたり{2}）。</source>
        <translation>This year&apos;s {0} months of actuals show a clear trend (R² {1}), so a straight line was fitted and extended to year-end ({2} per month).</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="112"/>
        <source>実績がまだ{0}か月分のため、{1}（{2}）が残りの月も続くと見込みました。</source>
        <translation>With only {0} month(s) of actuals so far, {1} ({2}) is assumed to continue for the remaining months.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="117"/>
        <source>はっきりした傾向がない（決定係数{0}）ため、{1}（{2}）が残りの月も続くと見込みました。</source>
        <translation>There is no clear trend (R² {0}), so {1} ({2}) is assumed to continue for the remaining months.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="127"/>
        <source>このペースだと年度末に目標の{0}</source>
        <translation>At this pace, {0} of the target by year-end</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="130"/>
        <source>進捗{0}：この時点の目安{1}より遅れています</source>
        <translation>Progress {0}: behind the expected {1} at this point</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="138"/>
        <source>要対応</source>
        <translation>Critical</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="146"/>
        <source>順調</source>
        <translation>On track</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="147"/>
        <source>遅れ気味</source>
        <translation>At risk</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="148"/>
        <source>要挽回</source>
        <translation>Off track</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="154"/>
        <source>月次</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="155"/>
        <source>四半期</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_text.py" line="162"/>
        <source>{0}年度 第{1}四半期</source>
        <translation>FY {0} Q{1}</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <location filename="../../ui/dashboard.py" line="122"/>
        <source>すべての状態</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="125"/>
        <source>注意と未達</source>
        <translation>Caution and Missed</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="127"/>
        <source>振り返り…</source>
        <translation>Review…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="128"/>
        <source>部門レポートPDF…</source>
        <translation>Department report PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="129"/>
        <source>更新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="132"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="133"/>
        <source>部門</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="134"/>
        <source>担当</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="135"/>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="148"/>
        <source>まだKPIがありません。左の「追加」で部門を作り、「月次入力」タブの「KPIを追加…」（または「KPI一覧」の「例から追加…」）でKPIを登録して実績を入力すると、ここに達成状況・推移・年度末予測が表示されます。</source>
        <translation>No KPIs yet. Create a department with “Add” on the left, register KPIs with “Add KPI…” on the Monthly entry tab (or “Add from examples…” on the KPI list), and enter actuals: achievement, trends and year-end forecasts then appear here.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="161"/>
        <source>行をクリックするとその部門に絞り込みます</source>
        <translation>Click a row to filter by that department</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="175"/>
        <source>この日を過ぎても前月の実績がないと「未入力」になります</source>
        <translation>If last month&apos;s actuals are still missing after this day, the KPI counts as “Missing”</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="181"/>
        <source>実績の入力期限：翌月</source>
        <translation>Actuals are due by day</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="183"/>
        <source>日</source>
        <translation>of the following month</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="194"/>
        <source>早期警告</source>
        <translation>Early warnings</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="195"/>
        <source>未入力</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="196"/>
        <source>アクション</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="197"/>
        <source>OKR</source>
        <translation>OKR</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="216"/>
        <location filename="../../ui/dashboard.py" line="242"/>
        <source>{0}年度</source>
        <translation>FY {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="284"/>
        <source>読み込めませんでした</source>
        <translation>Could not load</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="307"/>
        <source>すべての部門</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="310"/>
        <source>すべての担当</source>
        <translation>All owners</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="339"/>
        <source>早期警告 {0}</source>
        <translation>Warnings ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="340"/>
        <source>未入力 {0}</source>
        <translation>Missing ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="341"/>
        <source>アクション {0}</source>
        <translation>Actions ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="348"/>
        <source>（年度締め）</source>
        <translation> (year closed)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="350"/>
        <source>{0}年度&#x3000;{1}年{2}月までの実績&#x3000;{3}時点{4}</source>
        <translation>FY {0} — actuals through {1}/{2}, as of {3}{4}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="358"/>
        <source>{0}年度&#x3000;まだ終わった月がありません&#x3000;{1}時点</source>
        <translation>FY {0} — no month has ended yet, as of {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="399"/>
        <location filename="../../ui/dashboard.py" line="414"/>
        <source>保存できませんでした</source>
        <translation>Could not save</translation>
    </message>
</context>
<context>
    <name>DashboardPdf</name>
    <message>
        <location filename="../../ui/dashboard_pdf.py" line="24"/>
        <source>部門レポート_{0}年度_{1}.pdf</source>
        <translation>Department_report_FY{0}_{1}.pdf</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_pdf.py" line="45"/>
        <source>部門レポート</source>
        <translation>Department report</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_pdf.py" line="46"/>
        <source>この画面からはPDFを作成できません。</source>
        <translation>PDFs cannot be created from this screen.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_pdf.py" line="53"/>
        <source>部門レポートをPDFで保存</source>
        <translation>Save department report as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_pdf.py" line="55"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_pdf.py" line="61"/>
        <source>部門レポートを作成しています…</source>
        <translation>Creating the department report…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_pdf.py" line="70"/>
        <source>PDFを作成できませんでした</source>
        <translation>Could not create the PDF</translation>
    </message>
</context>
<context>
    <name>DepartmentDialog</name>
    <message>
        <location filename="../../ui/departments.py" line="83"/>
        <source>部門の編集</source>
        <translation>Edit department</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="83"/>
        <source>部門の追加</source>
        <translation>Add department</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="92"/>
        <source>例: 社員が本業に集中できる環境を、正確・迅速な手続きで支える</source>
        <translation>e.g. Let employees focus on their core work by handling procedures accurately and promptly</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="96"/>
        <source>KGIを追加…</source>
        <translation>Add KGI…</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="101"/>
        <source>部門名</source>
        <translation>Department name</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="102"/>
        <source>部門ミッション</source>
        <translation>Department mission</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="103"/>
        <source>つながる会社目標（KGI）</source>
        <translation>Linked company goal (KGI)</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="106"/>
        <source>ミッションは「この部門は何のためにあるか」を一文で。KPIはこのミッションに効くものを選びます。</source>
        <translation>Describe in one sentence why this department exists. Choose KPIs that serve this mission.</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="142"/>
        <source>（なし）</source>
        <translation>(None)</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="155"/>
        <source>KGIを追加</source>
        <translation>Add KGI</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="155"/>
        <source>会社の目標（KGI）:</source>
        <translation>Company goal (KGI):</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="179"/>
        <source>保存できませんでした</source>
        <translation>Could not save</translation>
    </message>
</context>
<context>
    <name>DepartmentListModel</name>
    <message>
        <location filename="../../ui/departments.py" line="61"/>
        <source>（アーカイブ済み）</source>
        <translation> (archived)</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="63"/>
        <source>ミッション未設定</source>
        <translation>Mission not set</translation>
    </message>
</context>
<context>
    <name>DepartmentPanel</name>
    <message>
        <location filename="../../ui/departments.py" line="200"/>
        <source>部門</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="204"/>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="205"/>
        <source>編集</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="210"/>
        <source>上へ</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="213"/>
        <source>下へ</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="214"/>
        <location filename="../../ui/departments.py" line="272"/>
        <source>アーカイブ</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="215"/>
        <source>アーカイブ済みも表示</source>
        <translation>Show archived</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="272"/>
        <source>復元</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="308"/>
        <source>部門をアーカイブ</source>
        <translation>Archive department</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="310"/>
        <source>「{0}」をアーカイブしますか？ データは残り、いつでも復元できます。</source>
        <translation>Archive “{0}”? Its data is kept and you can restore it at any time.</translation>
    </message>
</context>
<context>
    <name>EntryGrid</name>
    <message>
        <location filename="../../ui/entry_grid.py" line="164"/>
        <source>コピー</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="166"/>
        <location filename="../../ui/entry_grid.py" line="357"/>
        <source>貼り付け</source>
        <translation>Paste</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="168"/>
        <source>値を消去</source>
        <translation>Clear values</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="170"/>
        <source>メモを編集…</source>
        <translation>Edit note…</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="171"/>
        <source>このKPIの変更履歴…</source>
        <translation>Change history of this KPI…</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="234"/>
        <source>値の入力</source>
        <translation>Enter values</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="272"/>
        <source>保存できませんでした</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="281"/>
        <source>{0} / {1}月: 現在の値 {2}</source>
        <translation>{0} / month {1}: now {2}</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="289"/>
        <source>他の人が先に変更しました</source>
        <translation>Changed by someone else</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="290"/>
        <source>次のセルは、表示したあとで他の人が変更したため保存していません。最新の値を表示します。

</source>
        <translation>The following cells were changed by someone else after you opened them, so your entries were not saved. The latest values are shown now.

</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="327"/>
        <source>貼り付ける行が表の下端を超えています。</source>
        <translation>The pasted rows extend past the bottom of the table.</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="332"/>
        <source>貼り付け先が月の列の外にはみ出しています。</source>
        <translation>The pasted area extends beyond the month columns.</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="339"/>
        <source>{0} / {1}月</source>
        <translation>{0}, month {1}</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="352"/>
        <source>貼り付けできませんでした</source>
        <translation>Could not paste</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="353"/>
        <source>次のセルを読み取れなかったため、何も貼り付けていません。

</source>
        <translation>Nothing was pasted because the following cells could not be read:

</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="384"/>
        <source>値の消去</source>
        <translation>Clear values</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="398"/>
        <source>メモの編集</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="407"/>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid.py" line="408"/>
        <source>この値についてのメモ（理由・背景など）:</source>
        <translation>Note on this value (reason, background, etc.):</translation>
    </message>
</context>
<context>
    <name>EntryGridModel</name>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="228"/>
        <source>指標</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="229"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="230"/>
        <source>区分</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="231"/>
        <source>年度計</source>
        <translation>FY total</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="232"/>
        <source>達成率</source>
        <translation>Achv. %</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="236"/>
        <source>{0}年{1}月</source>
        <translation>{0}/{1}</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="238"/>
        <source>実績行: 入力済みの月の集計（集計方法に従う） / 目標行: 年間の目標</source>
        <translation>Actual row: total of the months entered (using the aggregation method) / Target row: annual target</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="301"/>
        <source>実績</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="301"/>
        <source>目標</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="332"/>
        <source>達成率 {0:.1f}%</source>
        <translation>Achievement {0:.1f}%</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="334"/>
        <source>年間目標から自動で割り付けた値です</source>
        <translation>Automatically allocated from the annual target</translation>
    </message>
    <message>
        <location filename="../../ui/entry_grid_model.py" line="336"/>
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
        <translation>Mieruka brings your departments&apos; missions, KPIs and monthly actuals together in one place.
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
        <location filename="../../ui/first_run.py" line="75"/>
        <source>総務・人事・経理財務・法務・情報システムの5部門と2年分の実績が入ったデモ会社です（別ファイルに作成します）。</source>
        <translation>A demo company with five departments (General Affairs, HR, Accounting &amp; Finance, Legal, IT) and two years of actuals. It is created in a separate file.</translation>
    </message>
</context>
<context>
    <name>GoalTreeModel</name>
    <message>
        <location filename="../../ui/goal_tree.py" line="57"/>
        <source>目標・指標</source>
        <translation>Goals &amp; KPIs</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="57"/>
        <source>種類</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="82"/>
        <source>会社目標（KGI）</source>
        <translation>Company goals (KGI)</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="88"/>
        <location filename="../../ui/goal_tree.py" line="156"/>
        <source>KGI</source>
        <translation>KGI</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="93"/>
        <source>KGI未設定の部門</source>
        <translation>Departments without a KGI</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="98"/>
        <location filename="../../ui/goal_tree.py" line="155"/>
        <source>個人目標</source>
        <translation>Personal goal</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="104"/>
        <source>社員</source>
        <translation>Employee</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="118"/>
        <source>部門</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="122"/>
        <source>ミッション: {0}</source>
        <translation>Mission: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="153"/>
        <source>部門目標</source>
        <translation>Department goal</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="154"/>
        <source>OKR</source>
        <translation>OKR</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="172"/>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
</context>
<context>
    <name>GoalTreePanel</name>
    <message>
        <location filename="../../ui/goal_tree.py" line="202"/>
        <source>会社目標（KGI）から部門目標、KPIまでのつながりです。目標名はダブルクリックで直接編集できます。</source>
        <translation>How company goals (KGIs) connect to department goals and KPIs. Double-click a goal name to edit it.</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="210"/>
        <location filename="../../ui/goal_tree.py" line="307"/>
        <source>KGIを追加</source>
        <translation>Add KGI</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="211"/>
        <location filename="../../ui/goal_tree.py" line="320"/>
        <source>下位の目標を追加</source>
        <translation>Add sub-goal</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="212"/>
        <location filename="../../ui/goal_tree.py" line="331"/>
        <source>目標を削除</source>
        <translation>Delete goal</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="255"/>
        <source>目標:</source>
        <translation>Goal:</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="316"/>
        <source>目標の追加</source>
        <translation>Add goal</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="317"/>
        <source>KGI・部門・目標・社員のいずれかを選んでください。</source>
        <translation>Select a KGI, department, goal or employee.</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="332"/>
        <source>「{0}」を削除しますか？ 下位の目標は一つ上に移り、KPIは残ります。</source>
        <translation>Delete “{0}”? Its sub-goals move up one level, and its KPIs are kept.</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="352"/>
        <source>KGIを追加…</source>
        <translation>Add KGI…</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="354"/>
        <source>下位の目標を追加…</source>
        <translation>Add sub-goal…</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="357"/>
        <source>名前を変更</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree.py" line="360"/>
        <source>削除…</source>
        <translation>Delete…</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../ui/history_dialog.py" line="45"/>
        <source>{0}年{1}月</source>
        <translation>{0}/{1}</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="50"/>
        <source>実績</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="52"/>
        <source>目標</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="70"/>
        <source>入力</source>
        <translation>Entry</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="71"/>
        <source>貼り付け</source>
        <translation>Paste</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="72"/>
        <source>元に戻す</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="73"/>
        <source>やり直し</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="74"/>
        <source>KPI設定</source>
        <translation>KPI settings</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="75"/>
        <source>デモ</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="76"/>
        <source>目標の改訂</source>
        <translation>Target revision</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="82"/>
        <source>取り込みの取り消し</source>
        <translation>Import taken back</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="86"/>
        <source>Excel/CSV取り込み</source>
        <translation>Excel/CSV import</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="90"/>
        <source>取り込み</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="269"/>
        <source>変更履歴 — {0}</source>
        <translation>Change history — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="272"/>
        <source>（単位: {0}）</source>
        <translation> (unit: {0})</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="275"/>
        <source>まだ変更履歴はありません。</source>
        <translation>No changes yet.</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="290"/>
        <source>目標の改訂（理由つき）</source>
        <translation>Target revisions (with reasons)</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <location filename="../../ui/history_dialog.py" line="115"/>
        <source>日時</source>
        <translation>Date &amp; time</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="116"/>
        <source>利用者</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="117"/>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="118"/>
        <source>種別</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="119"/>
        <source>変更前</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="120"/>
        <source>変更後</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="121"/>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="122"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="150"/>
        <source>変更前のメモ: {0}</source>
        <translation>Previous note: {0}</translation>
    </message>
</context>
<context>
    <name>ImportActions</name>
    <message>
        <location filename="../../ui/import_actions.py" line="60"/>
        <source>取り込み {0}</source>
        <translation>Import {0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="164"/>
        <source>Excel/CSVを取り込む…</source>
        <translation>Import Excel/CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="167"/>
        <source>Excelに書き出す…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="170"/>
        <source>取り込み履歴…</source>
        <translation>Import history…</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="210"/>
        <source>取り込むファイル</source>
        <translation>File to import</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="212"/>
        <source>Excel / CSV (*.xlsx *.xlsm *.csv *.tsv *.txt *.xls);;すべてのファイル (*)</source>
        <translation>Excel / CSV (*.xlsx *.xlsm *.csv *.tsv *.txt *.xls);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="235"/>
        <source>「{0}」を読み込んでいます…</source>
        <translation>Reading “{0}”…</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="246"/>
        <location filename="../../ui/import_actions.py" line="253"/>
        <source>読み込めません</source>
        <translation>Cannot read the file</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="291"/>
        <source>取り込みました: 値 {0}個、新しいKPI {1}件（元に戻すには 編集 → 元に戻す）</source>
        <translation>Imported: {0} values, {1} new KPI(s) (to take it back: Edit → Undo)</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="330"/>
        <source>元に戻せませんでした</source>
        <translation>Could not undo</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="339"/>
        <location filename="../../ui/import_actions.py" line="353"/>
        <source>Excelに書き出す</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="340"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="355"/>
        <source>Excel ブック (*.xlsx)</source>
        <translation>Excel Workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="373"/>
        <source>書き出しています…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="380"/>
        <source>書き出せませんでした</source>
        <translation>Could not export</translation>
    </message>
    <message>
        <location filename="../../ui/import_actions.py" line="388"/>
        <source>書き出しました: {0}</source>
        <translation>Exported: {0}</translation>
    </message>
</context>
<context>
    <name>ImportHistory</name>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="164"/>
        <source>「{0}」（{1}）の取り込みを元に戻しました。</source>
        <translation>The import of &quot;{0}&quot; ({1}) was undone.</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="167"/>
        <source>取り込み前の値に戻した値: {0}個</source>
        <translation>Values restored to before the import: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="170"/>
        <source>削除したKPI: {0}件、部門: {1}件</source>
        <translation>KPIs deleted: {0}, departments deleted: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="176"/>
        <source>取り込み後に変更されていたため、そのまま残した値: {0}個</source>
        <translation>Values kept because they were changed after the import: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="183"/>
        <source>取り込み後に編集されていたため残したKPI: {0}件</source>
        <translation>KPIs kept because they were edited after the import: {0}</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="214"/>
        <source>取り込み履歴</source>
        <translation>Import history</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="217"/>
        <source>Excel/CSVの取り込みの記録です（新しい順）。取り込みは1回分をまとめて元に戻せます。アプリを閉じた後でも元に戻せます。</source>
        <translation>Excel/CSV imports as recorded (newest first). Each import can be undone as one step, also after the app was closed.</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="222"/>
        <source>まだ取り込みはありません。</source>
        <translation>No imports yet.</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="236"/>
        <source>この取り込みを元に戻す…</source>
        <translation>Undo this import…</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="257"/>
        <source>読み込めませんでした</source>
        <translation>Could not load</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="291"/>
        <location filename="../../ui/import_history_dialog.py" line="312"/>
        <location filename="../../ui/import_history_dialog.py" line="321"/>
        <source>取り込みを元に戻す</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="293"/>
        <source>「{0}」（{1}の取り込み）を元に戻しますか？

取り込んだ値は取り込み前の値に戻り、この取り込みで新しく作られたKPIと部門は削除されます。取り込み後に変更された値と、取り込み後に編集されたKPIはそのまま残ります。</source>
        <translation>Undo the import of &quot;{0}&quot; ({1})?

Imported values go back to what they were before the import, and the KPIs and departments this import created are deleted. Values changed after the import, and KPIs edited after it, are kept as they are.</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="303"/>
        <source>「{0}」の取り込みを元に戻しています…</source>
        <translation>Undoing the import of &quot;{0}&quot;…</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="313"/>
        <source>キャンセルしました。何も変更していません。</source>
        <translation>Cancelled. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="322"/>
        <source>「{0}」の取り込みはすでに元に戻されています。</source>
        <translation>The import of &quot;{0}&quot; has already been undone.</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="329"/>
        <source>元に戻せませんでした</source>
        <translation>Could not undo</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="330"/>
        <source>「{0}」の取り込みを元に戻せませんでした。何も変更していません。</source>
        <translation>Could not undo the import of &quot;{0}&quot;. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="341"/>
        <source>取り込みを元に戻しました</source>
        <translation>Import undone</translation>
    </message>
</context>
<context>
    <name>ImportHistoryModel</name>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="97"/>
        <source>取り込み日時</source>
        <translation>Imported at</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="98"/>
        <source>ファイル</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="99"/>
        <source>利用者</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="100"/>
        <source>シート</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="101"/>
        <source>KPI数</source>
        <translation>KPIs</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="102"/>
        <source>値の数</source>
        <translation>Values</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="103"/>
        <source>新しく作成</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="104"/>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="149"/>
        <source>KPI {0}件・部門 {1}件</source>
        <translation>{0} KPIs, {1} departments</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="152"/>
        <source>取り込み済み</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="154"/>
        <source>元に戻し済み（{0}）</source>
        <translation>Undone ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/import_history_dialog.py" line="155"/>
        <source>元に戻し済み（{0} {1}）</source>
        <translation>Undone ({0}, {1})</translation>
    </message>
</context>
<context>
    <name>ImportModels</name>
    <message>
        <location filename="../../ui/import_models.py" line="38"/>
        <location filename="../../ui/import_models.py" line="300"/>
        <source>KPI名</source>
        <translation>KPI name</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="39"/>
        <source>区分見出し（名前の前に付ける）</source>
        <translation>Block label (put before the name)</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="40"/>
        <location filename="../../ui/import_models.py" line="301"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="41"/>
        <location filename="../../ui/import_models.py" line="302"/>
        <location filename="../../ui/import_models.py" line="455"/>
        <source>目標</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="42"/>
        <source>実績（1か月分）</source>
        <translation>Actual (one month)</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="43"/>
        <source>目標/実績の区分</source>
        <translation>Target/actual marker</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="44"/>
        <location filename="../../ui/import_models.py" line="299"/>
        <location filename="../../ui/import_models.py" line="385"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="45"/>
        <source>担当者</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="46"/>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="47"/>
        <source>集計方法</source>
        <translation>Aggregation</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="48"/>
        <source>コード・番号</source>
        <translation>Code / number</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="49"/>
        <source>年月</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="50"/>
        <source>月の値</source>
        <translation>Monthly values</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="51"/>
        <source>取り込まない</source>
        <translation>Do not import</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="59"/>
        <source>区分見出し</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="61"/>
        <source>目標/実績</source>
        <translation>T/A kind</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="62"/>
        <source>コード</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="63"/>
        <source>集計</source>
        <translation>Aggregation</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="249"/>
        <source>月別</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="257"/>
        <location filename="../../ui/import_models.py" line="275"/>
        <source>目標 {0}</source>
        <translation>Target {0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="271"/>
        <source>実績 {0}</source>
        <translation>Actual {0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="298"/>
        <source>取込</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="307"/>
        <location filename="../../ui/import_models.py" line="450"/>
        <source>{0}年{1}月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="364"/>
        <source>（新規）</source>
        <translation> (new)</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="371"/>
        <source>取り込まない（単位が違います）</source>
        <translation>Not imported (the unit differs)</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="373"/>
        <source>新しいKPIを作成</source>
        <translation>Create a new KPI</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="374"/>
        <source>既存: {0}</source>
        <translation>Existing: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="386"/>
        <source>ファイルのKPI名</source>
        <translation>KPI name in the file</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="387"/>
        <source>取り込み先（ダブルクリックで変更）</source>
        <translation>Import into (double-click to change)</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="388"/>
        <source>値の数（実績 / 月次目標）</source>
        <translation>Values (actual / monthly target)</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="60"/>
        <location filename="../../ui/import_models.py" line="456"/>
        <source>実績</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="480"/>
        <source>上書き</source>
        <translation>Overwrite</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="481"/>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="482"/>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="483"/>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="484"/>
        <source>登録済みの値</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <location filename="../../ui/import_models.py" line="485"/>
        <source>ファイルの値</source>
        <translation>Value in the file</translation>
    </message>
</context>
<context>
    <name>ImportText</name>
    <message>
        <location filename="../../ui/import_text.py" line="29"/>
        <source>「{text}」を数値として読み取れません（例: 12、1,234、95%、１２件）。</source>
        <translation>Cannot read “{text}” as a number (e.g. 12, 1,234, 95%).</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="32"/>
        <source>「{text}」の単位がこのKPIの単位と違うため読み取りません。</source>
        <translation>“{text}” was not read because its unit differs from this KPI&apos;s unit.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="35"/>
        <source>Excelのエラー値「{text}」です。値として読み取りません（0 にはしません）。</source>
        <translation>“{text}” is an Excel error value. It was not read as a value (and is not treated as 0).</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="38"/>
        <source>数式「{text}」の計算結果がファイルに保存されていません。Excelで開いて保存し直してから取り込んでください（0 としては読みません）。</source>
        <translation>The result of the formula “{text}” is not saved in the file. Open the file in Excel, save it again, and then import it (the cell is not read as 0).</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="43"/>
        <source>「{text}」は有限の数値ではありません。</source>
        <translation>“{text}” is not a finite number.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="46"/>
        <source>日付「{text}」が入っています。数値ではないため読み取りません。</source>
        <translation>The cell contains the date “{text}”. It was not read because it is not a number.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="49"/>
        <source>「{text}」は数値ではないため読み取りません。</source>
        <translation>“{text}” was not read because it is not a number.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="52"/>
        <source>目標「{text}」を数値として読み取れません。目標なしとして読みます。</source>
        <translation>Cannot read the target “{text}” as a number. It is treated as having no target.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="55"/>
        <source>月の見出し（4月、2025年4月、2025/4 など）が見つからないため、このシートは取り込みません。</source>
        <translation>No month headings (such as Apr, Apr 2025 or 2025/4) were found, so this sheet is not imported.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="59"/>
        <source>年度が書かれていないため{text}年度として読みました。違う場合は年度を指定してください。</source>
        <translation>No fiscal year was given, so it was read as FY {text}. If that is wrong, specify the fiscal year.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="63"/>
        <source>KPI名のない行に値があります。この行は取り込みません。</source>
        <translation>A row has values but no KPI name. This row is not imported.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="66"/>
        <source>「{text}」は別の行（またはシート）にもあり値が食い違うため、ここは取り込みません。</source>
        <translation>“{text}” also appears in another row (or sheet) with different values, so it is not imported here.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="70"/>
        <source>「{text}」の単位が登録済みのKPIの単位（{detail}）と違うため、このKPIは取り込みません。</source>
        <translation>The unit of “{text}” differs from the unit of the existing KPI ({detail}), so this KPI is not imported.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="74"/>
        <source>この列から右の月の見出し（{text}…）は左の月の繰り返し（グラフ用の表など）のため、取り込みません。</source>
        <translation>The month headers from this column on ({text}…) repeat the months to their left (a chart’s data, for instance), so they are not imported.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="79"/>
        <source>「{text}」は非表示の行（または列）にあるため、取り込む対象から外しました（取り込みウィザードのKPI一覧でチェックを入れると取り込めます）。</source>
        <translation>“{text}” is in hidden rows (or columns), so it was left out (tick it in the import wizard’s KPI list to import it).</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="87"/>
        <source>「{file}」が見つかりません。</source>
        <translation>“{file}” was not found.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="88"/>
        <source>「{file}」はExcelブック（.xlsx / .xlsm）でもCSVでもないため読み込めません。</source>
        <translation>“{file}” cannot be read because it is neither an Excel workbook (.xlsx / .xlsm) nor a CSV file.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="91"/>
        <source>「{file}」は空のファイルです。</source>
        <translation>“{file}” is empty.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="92"/>
        <source>「{file}」{where}は壊れているか、途中までしかありません（{detail}）。Excelで開けるか確認し、保存し直してください。</source>
        <translation>“{file}”{where} is damaged or incomplete ({detail}). Check that it opens in Excel, and save it again.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="97"/>
        <source>「{file}」はパスワードで保護されています。Excelで開いてパスワードを解除（ファイル → 情報 → ブックの保護）して保存してから取り込んでください。</source>
        <translation>“{file}” is password-protected. Open it in Excel, remove the password (File → Info → Protect Workbook), save it, and then import it.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="102"/>
        <source>「{file}」は古いExcel形式（.xls）です。Excelで開き「名前を付けて保存」で「Excel ブック (*.xlsx)」を選んで保存し直してから取り込んでください。</source>
        <translation>“{file}” is in the old Excel format (.xls). Open it in Excel, use “Save As” to save it as “Excel Workbook (*.xlsx)”, and then import it.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="107"/>
        <source>「{file}」は拡張子が .xls ですが中身はHTML（Webページ）です。Excelで開き「名前を付けて保存」で「Excel ブック (*.xlsx)」を選んで保存し直してから取り込んでください。</source>
        <translation>“{file}” has the .xls extension but actually contains HTML (a web page). Open it in Excel, use “Save As” to save it as “Excel Workbook (*.xlsx)”, and then import it.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="112"/>
        <source>「{file}」には安全でないXML（DOCTYPE・エンティティ宣言）が含まれているため読み込みません（{detail}）。</source>
        <translation>“{file}” is not read because it contains unsafe XML (DOCTYPE or entity declarations) ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="117"/>
        <source>「{file}」は展開すると大きすぎるため読み込みません（{detail}）。圧縮爆弾の可能性があります。</source>
        <translation>“{file}” is not read because it would be too large when decompressed ({detail}). It may be a zip bomb.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="121"/>
        <source>「{file}」の文字コードを判別できません（セル {cell} 付近）。UTF-8 または Shift_JIS で保存し直してください。</source>
        <translation>Cannot determine the character encoding of “{file}” (around cell {cell}). Save it again as UTF-8 or Shift_JIS.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="126"/>
        <source>「{file}」にシート「{sheet}」がありません（あるシート: {detail}）。</source>
        <translation>“{file}” has no sheet “{sheet}” (sheets found: {detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="129"/>
        <source>「{file}」には取り込めるワークシートがありません。</source>
        <translation>“{file}” has no worksheets that can be imported.</translation>
    </message>
    <message>
        <location filename="../../ui/import_text.py" line="144"/>
        <source>のシート「{0}」</source>
        <translation> (sheet “{0}”)</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="99"/>
        <source>Excel/CSVを取り込む — {0}</source>
        <translation>Import Excel/CSV — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="44"/>
        <source>&lt; 戻る</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="46"/>
        <source>次へ: 登録済みデータと照合 &gt;</source>
        <translation>Next: compare with stored data &gt;</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="48"/>
        <location filename="../../ui/import_wizard_layout.py" line="67"/>
        <source>取り込む</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="49"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="129"/>
        <location filename="../../ui/import_wizard_layout.py" line="68"/>
        <source>取り込まない</source>
        <translation>Do not import</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="71"/>
        <location filename="../../ui/import_wizard_layout.py" line="74"/>
        <location filename="../../ui/import_wizard_layout.py" line="76"/>
        <source>自動</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="79"/>
        <source>{0}月</source>
        <translation>Month {0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="85"/>
        <source>このシート</source>
        <translation>This sheet</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="86"/>
        <source>見出しの行</source>
        <translation>Header row</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="87"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="88"/>
        <source>期首月</source>
        <translation>First month of the year</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="89"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="90"/>
        <source>形式</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="94"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="95"/>
        <source>見出し</source>
        <translation>Header</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="96"/>
        <source>役割</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="106"/>
        <source>列の役割</source>
        <translation>Column roles</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="125"/>
        <source>シートの内容（青: 見出し、緑: 取り込む値、赤: 読めないセル — 赤いセルに理由）</source>
        <translation>Sheet contents (blue: header, green: values imported, red: unreadable cells — hover a red cell for the reason)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="131"/>
        <source>見つかったKPIと月ごとの値</source>
        <translation>KPIs found and their monthly values</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="132"/>
        <source>読めなかったセル</source>
        <translation>Cells that could not be read</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="164"/>
        <source>すべて上書きする</source>
        <translation>Overwrite all</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="165"/>
        <source>すべて登録済みの値を残す</source>
        <translation>Keep all stored values</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="171"/>
        <source>登録済みの値と違うセル（チェック = ファイルの値で上書き）</source>
        <translation>Cells that differ from stored values (ticked = overwrite with the file&apos;s value)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard_layout.py" line="184"/>
        <source>KPIの取り込み先（部署とKPI名で照合。別のKPIに割り当てるにはダブルクリック）</source>
        <translation>Where each KPI goes (matched by department and name; double-click to assign another KPI)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="125"/>
        <source>KPI {0}件</source>
        <translation>{0} KPI(s)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="126"/>
        <source>KPIなし</source>
        <translation>No KPIs</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="127"/>
        <source>月が見つかりません</source>
        <translation>No months found</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="128"/>
        <source>データなし（説明など）</source>
        <translation>No data (notes or instructions)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="151"/>
        <source>前回と同じ形式のシートです。前回の設定を適用しました: {0}</source>
        <translation>Same layout as last time; last time&apos;s settings were applied: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="157"/>
        <source>非表示のシートは取り込みません: {0}</source>
        <translation>Hidden sheets are not imported: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="165"/>
        <source>取り込むKPI: {0}件、値: {1}個、読めなかったセル: {2}個</source>
        <translation>KPIs to import: {0}, values: {1}, unreadable cells: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="226"/>
        <source>月が横（1行に1つのKPI、目標/実績の行ペアも可）</source>
        <translation>Months across (one KPI per row, or target/actual row pairs)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="227"/>
        <source>月が縦（1列に1つのKPI）</source>
        <translation>Months down (one KPI per column)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="228"/>
        <source>1行に1つのKPIと月</source>
        <translation>One KPI and month per row</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="229"/>
        <source>1シートが1か月</source>
        <translation>One month per sheet</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="232"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="324"/>
        <source>登録済みデータと照合しています…</source>
        <translation>Comparing with stored data…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="331"/>
        <source>照合できませんでした</source>
        <translation>Could not compare</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="347"/>
        <source>新しいKPI: {0}件、既存のKPI: {1}件、新しい部署: {2}、書き込む値: {3}個、登録済みと同じ値: {4}個、登録済みと違う値: {5}個</source>
        <translation>New KPIs: {0}, existing KPIs: {1}, new departments: {2}, values to write: {3}, values already stored: {4}, values that differ: {5}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="377"/>
        <source>新しいKPIを作成</source>
        <translation>Create a new KPI</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="377"/>
        <source>部署とKPI名で自動照合</source>
        <translation>Match automatically by department and name</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="385"/>
        <source>取り込み先</source>
        <translation>Import into</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="386"/>
        <source>「{0}」の取り込み先</source>
        <translation>Where to import “{0}”</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="415"/>
        <source>取り込んでいます…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="421"/>
        <source>取り込み</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="422"/>
        <source>取り込みを中止しました。何も変更していません。</source>
        <translation>The import was cancelled. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="428"/>
        <source>データベースが使用中です</source>
        <translation>The database is in use</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="431"/>
        <source>何も取り込んでいません。もう一度試しますか？</source>
        <translation>Nothing was imported. Try again?</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="438"/>
        <source>取り込めませんでした</source>
        <translation>Could not import</translation>
    </message>
</context>
<context>
    <name>KpiChart</name>
    <message>
        <location filename="../../ui/kpi_chart.py" line="73"/>
        <location filename="../../ui/kpi_chart.py" line="193"/>
        <source>前年度</source>
        <translation>Previous FY</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_chart.py" line="78"/>
        <location filename="../../ui/kpi_chart.py" line="192"/>
        <source>目標</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_chart.py" line="83"/>
        <source>予測</source>
        <translation>Forecast</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_chart.py" line="88"/>
        <location filename="../../ui/kpi_chart.py" line="191"/>
        <source>実績</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_chart.py" line="199"/>
        <source>予測 {0}</source>
        <translation>Forecast {0}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_chart.py" line="206"/>
        <source>メモ：{0}</source>
        <translation>Note: {0}</translation>
    </message>
</context>
<context>
    <name>KpiDetailDialog</name>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="91"/>
        <source>最新の実績</source>
        <translation>Latest actual</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="92"/>
        <source>年度累計の達成率</source>
        <translation>YTD achievement</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="93"/>
        <source>年度末の予測</source>
        <translation>Year-end forecast</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="94"/>
        <source>予測の方法</source>
        <translation>Forecast method</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="95"/>
        <source>進み具合</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="96"/>
        <source>早期警告</source>
        <translation>Early warnings</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="101"/>
        <source>累計で表示</source>
        <translation>Show cumulative</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="102"/>
        <source>前年度を重ねる</source>
        <translation>Overlay previous FY</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="104"/>
        <source>グラフをPNGで保存…</source>
        <translation>Save chart as PNG…</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="120"/>
        <source>改訂日時</source>
        <translation>Revised at</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="121"/>
        <source>適用開始</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="122"/>
        <source>旧目標</source>
        <translation>Old target</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="123"/>
        <source>新目標</source>
        <translation>New target</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="124"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="125"/>
        <source>入力者</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="134"/>
        <source>実績のメモ</source>
        <translation>Notes on actuals</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="135"/>
        <source>目標の改訂履歴</source>
        <translation>Target revisions</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="137"/>
        <source>目標を改訂…</source>
        <translation>Revise target…</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="138"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="179"/>
        <source>読み込めませんでした</source>
        <translation>Could not load</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="184"/>
        <source>{0} — {1}年度</source>
        <translation>{0} — FY {1}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="186"/>
        <source>未設定</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="188"/>
        <source>{0}&#x3000;担当：{1}&#x3000;単位：{2}&#x3000;{3}・{4}</source>
        <translation>{0} | Owner: {1} | Unit: {2} | {3} · {4}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="206"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="215"/>
        <source>{0}（達成率 {1}）</source>
        <translation>{0} (achievement {1})</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="220"/>
        <source>幅 {0}〜{1}（達成率 {2}〜{3}）</source>
        <translation>Range {0}–{1} (achievement {2}–{3})</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="232"/>
        <source>年度目標に対する進捗 {0}／この時点の目安 {1}</source>
        <translation>Progress toward the annual target {0} / expected at this point {1}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="236"/>
        <source>なし</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="247"/>
        <source>この年度の実績にメモはありません。</source>
        <translation>No notes on actuals for this fiscal year.</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="279"/>
        <source>グラフをPNGで保存</source>
        <translation>Save chart as PNG</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="279"/>
        <source>PNG画像 (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_detail_dialog.py" line="286"/>
        <source>保存できませんでした</source>
        <translation>Could not save</translation>
    </message>
</context>
<context>
    <name>KpiDialog</name>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="121"/>
        <source>KPIを追加</source>
        <translation>Add KPI</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="121"/>
        <source>KPIを編集</source>
        <translation>Edit KPI</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="138"/>
        <location filename="../../ui/kpi_dialog.py" line="144"/>
        <source>（未設定）</source>
        <translation>(Not set)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="152"/>
        <source>部門ミッション: {0}</source>
        <translation>Department mission: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="154"/>
        <source>部門ミッションはまだ書かれていません（部門の設定で書けます）。</source>
        <translation>No department mission has been written yet (you can add one in the department settings).</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="275"/>
        <source>定性KPIの目標はレベル1〜{0}で入力してください</source>
        <translation>Enter targets for a qualitative KPI as levels 1–{0}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="290"/>
        <source>「{0}」を年月として読み取れません（例: 2026年3月、R8.3、2026/3）</source>
        <translation>Cannot read “{0}” as a month (e.g. 2026/3, Mar 2026, 2026-03)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="337"/>
        <source>期限が開始月より前になっています</source>
        <translation>The deadline is earlier than the start month</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_dialog.py" line="345"/>
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
        <location filename="../../ui/kpi_form.py" line="90"/>
        <source>この部門には同じ名前のKPIがあります。別の名前にしてください</source>
        <translation>This department already has a KPI of this name; choose another name</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="95"/>
        <source>保存できません（{0}）</source>
        <translation>Cannot save ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="101"/>
        <source>{0}年{1}月</source>
        <translation>{0}/{1}</translation>
    </message>
</context>
<context>
    <name>KpiFormView</name>
    <message>
        <location filename="../../ui/kpi_form.py" line="160"/>
        <source>例: 問い合わせの平均回答日数</source>
        <translation>e.g. Average days to answer inquiries</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="162"/>
        <source>定量</source>
        <translation>Quantitative</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="163"/>
        <source>定性（レベル1〜5）</source>
        <translation>Qualitative (levels 1–5)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="165"/>
        <source>例: 件、%、日、円</source>
        <translation>e.g. items, %, days, yen</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="167"/>
        <source>大きいほど良い</source>
        <translation>Higher is better</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="168"/>
        <source>小さいほど良い</source>
        <translation>Lower is better</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="169"/>
        <source>範囲内</source>
        <translation>Within range</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="174"/>
        <source>合計</source>
        <translation>Sum</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="175"/>
        <source>平均</source>
        <translation>Average</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="176"/>
        <source>最終値</source>
        <translation>Last value</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="177"/>
        <source>最小</source>
        <translation>Minimum</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="178"/>
        <source>最大</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="185"/>
        <source>任意（現状値・最低ライン）</source>
        <translation>Optional (current value or minimum acceptable level)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="187"/>
        <source>例: 1,200</source>
        <translation>e.g. 1,200</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="195"/>
        <source>任意（例: 2025年4月、R7.4、2025/4）</source>
        <translation>Optional (e.g. 2025/4, Apr 2025, 2025-04)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="197"/>
        <source>例: 2026年3月、R8.3、2026/3</source>
        <translation>e.g. 2026/3, Mar 2026, 2026-03</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="200"/>
        <source>指標名</source>
        <translation>KPI name</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="201"/>
        <source>種類</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="202"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="203"/>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="204"/>
        <source>下限</source>
        <translation>Lower limit</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="205"/>
        <source>上限</source>
        <translation>Upper limit</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="206"/>
        <source>集計方法</source>
        <translation>Aggregation</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="207"/>
        <source>小数点以下桁数</source>
        <translation>Decimal places</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="210"/>
        <source>基準値</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="211"/>
        <source>年間目標</source>
        <translation>Annual target</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="212"/>
        <source>担当者</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="213"/>
        <source>関連する目標</source>
        <translation>Related goal</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="214"/>
        <source>開始月</source>
        <translation>Start month</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="215"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="222"/>
        <source>{0}年度の月次目標と計測する月</source>
        <translation>Monthly targets and measured months for FY {0}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="224"/>
        <source>均等に割り付け</source>
        <translation>Distribute evenly</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="226"/>
        <source>合計のKPIは年間目標を計測する月数で割り、それ以外は毎月に年間目標を入れます</source>
        <translation>For Sum KPIs, the annual target is divided by the number of measured months; for others, every month gets the annual target</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="228"/>
        <source>月次目標をクリア</source>
        <translation>Clear monthly targets</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="229"/>
        <source>空欄の月は年間目標から計算します。</source>
        <translation>Blank months are calculated from the annual target.</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="240"/>
        <source>レベルの説明（定性）</source>
        <translation>Level descriptions (qualitative)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="245"/>
        <source>レベル{0}</source>
        <translation>Level {0}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="247"/>
        <source>例: 手順がなく、担当者によって対応が違う</source>
        <translation>e.g. No set procedure; handling varies from person to person</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="249"/>
        <source>例: 仕組み化され、他部門の手本になっている</source>
        <translation>e.g. Fully systematized and a model for other departments</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="253"/>
        <source>このKPIがミッションにどう効くか（必須）</source>
        <translation>How this KPI serves the mission (required)</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="261"/>
        <source>例: 回答が早いほど社員が本来の業務に早く戻れ、ミッション「現場を支える」に効く</source>
        <translation>e.g. Faster answers let employees get back to their own work sooner, which serves the mission “Support the front line”</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="289"/>
        <source>例から選ぶ…</source>
        <translation>Choose from examples…</translation>
    </message>
</context>
<context>
    <name>KpiPanel</name>
    <message>
        <location filename="../../ui/kpi_list.py" line="139"/>
        <source>KPIを追加…</source>
        <translation>Add KPI…</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="140"/>
        <source>例から追加…</source>
        <translation>Add from examples…</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="141"/>
        <source>編集…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="142"/>
        <source>アーカイブ</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="143"/>
        <source>削除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="144"/>
        <source>変更履歴…</source>
        <translation>Change history…</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="145"/>
        <source>アーカイブ済みも表示</source>
        <translation>Show archived</translation>
    </message>
</context>
<context>
    <name>KpiTableModel</name>
    <message>
        <location filename="../../ui/kpi_list.py" line="70"/>
        <source>指標名</source>
        <translation>KPI name</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="71"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="72"/>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="73"/>
        <source>集計</source>
        <translation>Aggregation</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="74"/>
        <source>年間目標</source>
        <translation>Annual target</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="75"/>
        <source>種類</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="76"/>
        <source>担当者</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="77"/>
        <source>ミッションへの効き方</source>
        <translation>How it serves the mission</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_list.py" line="87"/>
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
        <location filename="../../ui/library_dialog.py" line="106"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="107"/>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="108"/>
        <source>集計方法</source>
        <translation>Aggregation</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="112"/>
        <source>目標の例</source>
        <translation>Example target</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="116"/>
        <source>範囲の例</source>
        <translation>Example range</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="120"/>
        <source>なぜ測るか</source>
        <translation>Why measure it</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="121"/>
        <source>測り方</source>
        <translation>How to measure</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="127"/>
        <source>レベルの説明</source>
        <translation>Level descriptions</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="130"/>
        <source>レベル{0}</source>
        <translation>Level {0}</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="161"/>
        <source>KPIの例から選ぶ</source>
        <translation>Choose from KPI examples</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="168"/>
        <source>指標名で絞り込み</source>
        <translation>Filter by KPI name</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="193"/>
        <source>この例を使う</source>
        <translation>Use this example</translation>
    </message>
</context>
<context>
    <name>LibraryEntryModel</name>
    <message>
        <location filename="../../ui/library_dialog.py" line="72"/>
        <source>指標名</source>
        <translation>KPI name</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="72"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="72"/>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialog.py" line="72"/>
        <source>種類</source>
        <translation>Type</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="92"/>
        <source>KPIを追加…</source>
        <translation>Add KPI…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="93"/>
        <source>KPIを編集…</source>
        <translation>Edit KPI…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="94"/>
        <source>変更履歴…</source>
        <translation>Change history…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="96"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110"/>
        <source>この部門にはまだKPIがありません。「KPIを追加…」で登録するか、「KPI一覧」タブの「例から追加…」で部門ごとの例から選べます。今お使いのExcelの表は「ファイル → Excel/CSVを取り込む…」で読み込めます。</source>
        <translation>This department has no KPIs yet. Register one with “Add KPI…”, or pick from the examples for each department with “Add from examples…” on the KPI list tab. Your current Excel sheet can be read with “File → Import Excel/CSV…”.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="123"/>
        <source>セルを選んで数値を入力（１２・1,234・95%・12件 も可）。Excelからの貼り付け、Delete で消去、右クリックでメモ。</source>
        <translation>Select a cell and type a value (e.g. 1,234 or 95%; a number followed by the KPI&apos;s unit also works). Paste from Excel, press Delete to clear, right-click to add a note.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151"/>
        <source>ダッシュボード</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152"/>
        <source>月次入力</source>
        <translation>Monthly entry</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="153"/>
        <source>KPI一覧</source>
        <translation>KPI list</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <source>目標ツリー</source>
        <translation>Goal tree</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>社員</source>
        <translation>Employees</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156"/>
        <source>評価</source>
        <translation>Appraisals</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>達成 ≥{0:.0f}%</source>
        <translation>Achieved ≥{0:.0f}%</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="175"/>
        <source>注意 ≥{0:.0f}%</source>
        <translation>Caution ≥{0:.0f}%</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="176"/>
        <source>未達</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190"/>
        <location filename="../../ui/main_window.py" line="272"/>
        <source>{0}年度</source>
        <translation>FY {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195"/>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196"/>
        <source>データベースを開く…</source>
        <translation>Open database…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="198"/>
        <source>デモ会社を開く</source>
        <translation>Open demo company</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="199"/>
        <source>終了</source>
        <translation>Exit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="204"/>
        <source>バックアップから復元…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>編集(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>元に戻す</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="215"/>
        <source>やり直し</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="228"/>
        <source>設定(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="229"/>
        <source>会社と表示の設定…</source>
        <translation>Company and display settings…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="232"/>
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="233"/>
        <location filename="../../ui/main_window.py" line="497"/>
        <source>Mierukaについて</source>
        <translation>About Mieruka</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="280"/>
        <source>（デモ）</source>
        <translation> (demo)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="282"/>
        <source>データ: {0}</source>
        <translation>Data: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313"/>
        <source>読み込めませんでした</source>
        <translation>Could not load</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="336"/>
        <source>復元</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="336"/>
        <source>アーカイブ</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="434"/>
        <source>KPIを削除</source>
        <translation>Delete KPI</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="434"/>
        <source>「{0}」を削除しますか？</source>
        <translation>Delete “{0}”?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="442"/>
        <source>実績のあるKPI</source>
        <translation>KPI with actual values</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="444"/>
        <source>「{0}」には{1}件の実績があります。通常はアーカイブしてください（実績と履歴は残ります）。</source>
        <translation>“{0}” has {1} actual value(s) recorded. Normally you should archive it instead (its actual values and history are kept).</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="448"/>
        <source>アーカイブする</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="449"/>
        <source>実績ごと削除する</source>
        <translation>Delete with actual values</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="472"/>
        <source>変更履歴</source>
        <translation>Change history</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="472"/>
        <source>表でKPIの行を選んでください。</source>
        <translation>Select a KPI row in the table.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="498"/>
        <source>Mieruka（見える化） バージョン {0}
部門のミッション・KPI・実績を見える化します。

データ: {1}</source>
        <translation>Mieruka (見える化) version {0}
Makes departments&apos; missions, KPIs and actuals visible.

Data: {1}</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../../ui/members_view.py" line="137"/>
        <source>社員を追加</source>
        <translation>Add employee</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="137"/>
        <source>社員を編集</source>
        <translation>Edit employee</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="140"/>
        <source>例: 1001</source>
        <translation>e.g. 1001</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="142"/>
        <source>例: 山田 太郎</source>
        <translation>e.g. Taro Yamada</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="145"/>
        <source>例: 課長</source>
        <translation>e.g. Section Manager</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="147"/>
        <source>例: G3</source>
        <translation>e.g. G3</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="149"/>
        <source>社員番号（必須）</source>
        <translation>Employee No. (required)</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="150"/>
        <source>氏名（必須）</source>
        <translation>Name (required)</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="151"/>
        <source>部門</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="152"/>
        <source>役職</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="153"/>
        <source>等級</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="167"/>
        <source>（未所属）</source>
        <translation>(No department)</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="193"/>
        <source>社員番号を入力してください。</source>
        <translation>Enter an employee number.</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="195"/>
        <source>氏名を入力してください。</source>
        <translation>Enter a name.</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="225"/>
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
        <location filename="../../ui/members_view.py" line="103"/>
        <source>（未所属）</source>
        <translation>(No department)</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="110"/>
        <source>アーカイブ</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="110"/>
        <source>在籍</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>MembersPanel</name>
    <message>
        <location filename="../../ui/members_view.py" line="256"/>
        <source>絞り込み（社員番号・氏名・部門など）</source>
        <translation>Filter (employee no., name, department, etc.)</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="258"/>
        <source>アーカイブ済みも表示</source>
        <translation>Show archived</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="259"/>
        <source>社員を追加</source>
        <translation>Add employee</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="260"/>
        <source>編集</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="261"/>
        <location filename="../../ui/members_view.py" line="340"/>
        <source>アーカイブ</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="340"/>
        <source>復元</source>
        <translation>Restore</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../ui/messages.py" line="26"/>
        <source>「{0}」はMierukaのデータベースではありません。ファイルは変更していません。</source>
        <translation>“{0}” is not a Mieruka database. The file has not been changed.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="30"/>
        <source>「{0}」は新しいバージョンのMierukaで作成されています。アプリを更新してから開いてください。ファイルは変更していません。</source>
        <translation>“{0}” was created with a newer version of Mieruka. Update the app before opening it. The file has not been changed.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="35"/>
        <source>「{0}」に書き込めません（読み取り専用か、フォルダーに書き込み権限がありません）。ファイルは変更していません。</source>
        <translation>Cannot write to “{0}” (the file is read-only, or you do not have write permission for the folder). The file has not been changed.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="40"/>
        <source>「{0}」は他のプログラムが使用中です。しばらく待ってからもう一度お試しください。保存されていない変更はありません。</source>
        <translation>“{0}” is in use by another program. Wait a moment and try again. There are no unsaved changes.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="45"/>
        <source>「{0}」は別のMieruka（{1}）で開かれています。二人が同時に書き込むとデータが失われるため、開けません。相手が閉じてからもう一度お試しください。</source>
        <translation>“{0}” is open in another Mieruka ({1}). It cannot be opened here, because data would be lost if two people wrote to it at the same time. Try again after the other user closes it.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="50"/>
        <source>「{0}」は壊れています（{1}）。バックアップからの復元をお試しください。</source>
        <translation>“{0}” is damaged ({1}). Try restoring it from a backup.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="54"/>
        <source>データベース「{0}」に接続できません（{1}）。</source>
        <translation>Cannot connect to the database “{0}” ({1}).</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="58"/>
        <source>データベース「{0}」を開けません。</source>
        <translation>Cannot open the database “{0}”.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="62"/>
        <source>「{0}」に書き込めませんでした（ディスクの空き容量不足、または書き込みエラー）。空きを作ってからもう一度お試しください。保存済みのデータは失われていません。</source>
        <translation>Could not write to “{0}” (the disk is full, or the write failed). Free some space and try again. Nothing that was already saved has been lost.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="67"/>
        <source>社員番号「{0}」は既に使われています。</source>
        <translation>Employee No. “{0}” is already in use.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="71"/>
        <source>このKPIには{0}件の実績があります。</source>
        <translation>This KPI has {0} actual value(s) recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="75"/>
        <source>操作を完了できませんでした（{0}）。</source>
        <translation>The operation could not be completed ({0}).</translation>
    </message>
</context>
<context>
    <name>MissingModel</name>
    <message>
        <location filename="../../ui/dashboard_models.py" line="378"/>
        <source>部門</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="378"/>
        <source>担当</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="378"/>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="378"/>
        <source>未入力の月</source>
        <translation>Missing months</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="390"/>
        <source>（担当者なし）</source>
        <translation>(No owner)</translation>
    </message>
</context>
<context>
    <name>MissionBanner</name>
    <message>
        <location filename="../../ui/departments.py" line="344"/>
        <source>部門がありません — 左の「追加」から部門を作成してください</source>
        <translation>No departments yet — create one with “Add” on the left</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="350"/>
        <source>ミッション: {0}</source>
        <translation>Mission: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="352"/>
        <source>ミッション: 未設定（部門の「編集」から書きましょう）</source>
        <translation>Mission: not set (write one with the department&apos;s “Edit” button)</translation>
    </message>
    <message>
        <location filename="../../ui/departments.py" line="354"/>
        <source>会社目標（KGI）: {0}</source>
        <translation>Company goal (KGI): {0}</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <location filename="../../ui/kpi_form.py" line="113"/>
        <source>計測する月</source>
        <translation>Measured months</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="114"/>
        <source>月次目標</source>
        <translation>Monthly target</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="118"/>
        <source>{0}月</source>
        <translation>M{0}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="121"/>
        <source>{0}に値を入力する</source>
        <translation>Enter values for {0}</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_form.py" line="125"/>
        <source>{0}の月次目標</source>
        <translation>Monthly target for {0}</translation>
    </message>
</context>
<context>
    <name>Okr</name>
    <message>
        <location filename="../../ui/okr_panel.py" line="55"/>
        <source>主要な成果（KR）を2つ以上設定してください。</source>
        <translation>Set at least two key results (KRs).</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="58"/>
        <source>主要な成果（KR）は5つまでにしてください。</source>
        <translation>Set no more than five key results (KRs).</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="61"/>
        <source>名前のない主要な成果があります。</source>
        <translation>A key result has no name.</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="64"/>
        <source>重みは0以上の数値にしてください。</source>
        <translation>Weights must be numbers of 0 or more.</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="67"/>
        <source>開始値と目標値が同じ主要な成果があります。</source>
        <translation>A key result has the same start and target values.</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="70"/>
        <source>四半期を選んでください。</source>
        <translation>Select a quarter.</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="71"/>
        <source>目標（Objective）を入力してください。</source>
        <translation>Enter an objective.</translation>
    </message>
</context>
<context>
    <name>OkrDialog</name>
    <message>
        <location filename="../../ui/okr_panel.py" line="259"/>
        <source>OKRを編集</source>
        <translation>Edit OKR</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="259"/>
        <source>OKRを追加</source>
        <translation>Add OKR</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="261"/>
        <source>例：部門の戦略的価値を高める</source>
        <translation>e.g. Raise the department&apos;s strategic value</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="267"/>
        <source>{0}年度 第{1}四半期</source>
        <translation>FY {0} Q{1}</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="271"/>
        <source>主要な成果（KR）</source>
        <translation>Key result (KR)</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="272"/>
        <source>開始値</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="273"/>
        <source>目標値</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="274"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="275"/>
        <source>重み</source>
        <translation>Weight</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="283"/>
        <source>KRを追加</source>
        <translation>Add KR</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="284"/>
        <source>KRを削除</source>
        <translation>Remove KR</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="289"/>
        <source>目標（Objective）</source>
        <translation>Objective</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="290"/>
        <source>部門</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="291"/>
        <source>期間</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="392"/>
        <source>開始値・目標値・重みは数値で入力してください。</source>
        <translation>Enter numbers for start, target and weight.</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="398"/>
        <source>保存できませんでした</source>
        <translation>Could not save</translation>
    </message>
</context>
<context>
    <name>OkrPanel</name>
    <message>
        <location filename="../../ui/okr_panel.py" line="102"/>
        <source>OKR</source>
        <translation>OKR</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="102"/>
        <source>進捗</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="102"/>
        <source>自信度</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="102"/>
        <source>状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="102"/>
        <source>現在値</source>
        <translation>Current</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="106"/>
        <source>OKRを追加…</source>
        <translation>Add OKR…</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="107"/>
        <source>編集…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="108"/>
        <source>チェックイン…</source>
        <translation>Check in…</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="111"/>
        <source>KPIは安定運営のエンジン、OKRは挑戦の羅針盤。四半期ごとに目標と2〜5個の主要な成果を置きます。</source>
        <translation>KPIs are the engine of steady operations; OKRs are the compass for stretch goals. Each quarter, set an objective and 2–5 key results.</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="159"/>
        <source>{0}（{1} Q{2}）</source>
        <translation>{0} ({1}, Q{2})</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="177"/>
        <source>{0}（重み{1}）</source>
        <translation>{0} (weight {1})</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="181"/>
        <source>{0} / 目標{1}{2}</source>
        <translation>{0} / target {1}{2}</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="229"/>
        <source>チェックイン</source>
        <translation>Check in</translation>
    </message>
    <message>
        <location filename="../../ui/okr_panel.py" line="229"/>
        <source>チェックインするOKRを選んでください。</source>
        <translation>Select an OKR to check in on.</translation>
    </message>
</context>
<context>
    <name>OverviewModel</name>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="67"/>
        <source>社員番号</source>
        <translation>Employee No.</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="68"/>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="69"/>
        <source>所属</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="70"/>
        <source>役職</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="71"/>
        <source>一次評価者</source>
        <translation>First-level reviewer</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="72"/>
        <source>二次評価者</source>
        <translation>Second-level reviewer</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="73"/>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="74"/>
        <source>合計点</source>
        <translation>Total points</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="75"/>
        <source>評語</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_tab.py" line="100"/>
        <source>未評価</source>
        <translation>Not rated</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="93"/>
        <location filename="../../ui/appraisal_period_dialog.py" line="196"/>
        <source>評価期間の設定</source>
        <translation>Appraisal period settings</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="105"/>
        <source>例：2025年度上期</source>
        <translation>e.g. FY 2025 H1</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="131"/>
        <source>評価者の評点がないとき本人評価を採用する</source>
        <translation>Use the self-evaluation when reviewers have not given a score</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="134"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="135"/>
        <source>開始日</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="136"/>
        <source>終了日</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="137"/>
        <source>評価尺度（最小）</source>
        <translation>Rating scale (min)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="138"/>
        <source>評価尺度（最大）</source>
        <translation>Rating scale (max)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="139"/>
        <source>段階の呼び方（低い順、「、」区切り）</source>
        <translation>Scale labels (lowest first, comma-separated)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="140"/>
        <source>業績ブロックのウェイト</source>
        <translation>Performance block weight</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="141"/>
        <source>プロセス・行動ブロックのウェイト</source>
        <translation>Process &amp; behavior block weight</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="143"/>
        <source>評語（評語=点以上）</source>
        <translation>Ratings (rating=minimum points)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="144"/>
        <source>KPI達成率→評点（%=評点）</source>
        <translation>KPI achievement → score (%=score)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="164"/>
        <source>ブロックウェイトの合計が{0:g}%です（100%にしてください）</source>
        <translation>Block weights total {0:g}% (make them 100%)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="197"/>
        <source>評語またはKPI達成率の書き方が読めません（例：S=90, A=75）。</source>
        <translation>Cannot read the ratings or the KPI achievement bands (e.g. S=90, A=75).</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../ui/appraisal_preview.py" line="64"/>
        <source>{0}ページ</source>
        <translation>{0} page(s)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_preview.py" line="65"/>
        <source>印刷…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_preview.py" line="66"/>
        <source>PDFに保存…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_preview.py" line="67"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_preview.py" line="77"/>
        <source>印刷プレビュー — {0}</source>
        <translation>Print preview — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_preview.py" line="126"/>
        <source>評価シート_{0}.pdf</source>
        <translation>Evaluation_sheets_{0}.pdf</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_preview.py" line="129"/>
        <source>PDFに保存</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_preview.py" line="129"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/restore_dialog.py" line="25"/>
        <source>バックアップから復元</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="30"/>
        <source>復元するバックアップを選んでください。復元の前に、今のデータも自動でバックアップします。</source>
        <translation>Select the backup to restore. The current data is backed up automatically before restoring.</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="36"/>
        <source>日時</source>
        <translation>Date &amp; time</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="36"/>
        <source>サイズ</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="36"/>
        <source>きっかけ</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="54"/>
        <source>復元する</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="61"/>
        <source>バックアップはまだありません。</source>
        <translation>There are no backups yet.</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="68"/>
        <source>毎日の自動バックアップ</source>
        <translation>Daily automatic backup</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="69"/>
        <source>手動</source>
        <translation>Manual</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="70"/>
        <source>アプリ更新の前</source>
        <translation>Before app update</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="71"/>
        <source>復元の前</source>
        <translation>Before restore</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="72"/>
        <source>取り込みの前</source>
        <translation>Before import</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="73"/>
        <source>破損していたファイルの控え</source>
        <translation>Copy of a damaged file</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../ui/review_dialog.py" line="63"/>
        <source>四半期の振り返りは四半期の最初の月を選んでください。</source>
        <translation>For a quarterly review, select the first month of the quarter.</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="66"/>
        <source>内容のないアクションがあります。</source>
        <translation>An action has no description.</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="69"/>
        <source>内容・決定事項・アクションのどれかを入力してください。</source>
        <translation>Enter notes, decisions or at least one action.</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="96"/>
        <source>振り返り</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="110"/>
        <source>新しい振り返り</source>
        <translation>New review</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="111"/>
        <source>削除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="114"/>
        <source>部門</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="116"/>
        <source>これまでの振り返り</source>
        <translation>Past reviews</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="131"/>
        <source>例：佐藤、鈴木、高橋</source>
        <translation>e.g. Sato, Suzuki, Takahashi</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="134"/>
        <source>数字から見えたこと、うまくいったこと・いかなかったこと</source>
        <translation>What the numbers showed; what went well and what didn&apos;t</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="137"/>
        <source>決めたこと（目標の見直しもここに）</source>
        <translation>What was decided (including any target revisions)</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="140"/>
        <location filename="../../ui/review_dialog.py" line="175"/>
        <source>アクション</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="140"/>
        <source>担当</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="140"/>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="142"/>
        <source>例：2025-10-31、2025/10/31</source>
        <translation>e.g. 2025-10-31, 2025/10/31</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="140"/>
        <source>完了</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="151"/>
        <source>アクションを追加</source>
        <translation>Add action</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="152"/>
        <source>アクションを削除</source>
        <translation>Remove action</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="154"/>
        <source>実施日</source>
        <translation>Date held</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="155"/>
        <source>区分</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="156"/>
        <source>対象期間</source>
        <translation>Period covered</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="157"/>
        <source>参加者</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="158"/>
        <source>内容・気づき</source>
        <translation>Notes &amp; insights</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="159"/>
        <source>決定事項</source>
        <translation>Decisions</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="166"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="167"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="183"/>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="183"/>
        <source>実績</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="183"/>
        <source>目標</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="183"/>
        <source>達成率</source>
        <translation>Achv. %</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="183"/>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="267"/>
        <source>{0}〜{1}</source>
        <translation>{0}–{1}</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="269"/>
        <source>この期間の数字（{0}）</source>
        <translation>Figures for this period ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="302"/>
        <source>{0}&#x3000;{1}</source>
        <translation>{0}  {1}</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="360"/>
        <source>（未定）</source>
        <translation>(Unassigned)</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="424"/>
        <source>期限「{0}」を日付として読めません。</source>
        <translation>Cannot read the due date “{0}” as a date.</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="430"/>
        <source>保存できませんでした</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="437"/>
        <source>保存しました。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="443"/>
        <source>振り返りを削除</source>
        <translation>Delete review</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="443"/>
        <source>この振り返りを削除しますか？</source>
        <translation>Delete this review?</translation>
    </message>
</context>
<context>
    <name>RevisionFields</name>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="96"/>
        <source>なぜ目標を変えるのか（例：採用市場の逼迫により計画を見直し）</source>
        <translation>Why is the target changing? (e.g. Plan revised because of a tight hiring market)</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="101"/>
        <source>改訂前</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="101"/>
        <source>改訂後</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="111"/>
        <source>適用開始月</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="112"/>
        <source>改訂の理由</source>
        <translation>Reason for revision</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="116"/>
        <source>月次目標のプレビュー</source>
        <translation>Monthly target preview</translation>
    </message>
</context>
<context>
    <name>RevisionTableModel</name>
    <message>
        <location filename="../../ui/history_dialog.py" line="204"/>
        <source>改訂日時</source>
        <translation>Revised at</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="205"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="206"/>
        <source>適用開始</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="207"/>
        <source>旧目標</source>
        <translation>Old target</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="208"/>
        <source>新目標</source>
        <translation>New target</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="209"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="210"/>
        <source>利用者</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/history_dialog.py" line="226"/>
        <source>{0}年度</source>
        <translation>FY {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="47"/>
        <source>1月始まり（1月〜12月）</source>
        <translation>Starts in month 1 (month 1 to month 12)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="48"/>
        <source>{0}月始まり（{0}月〜翌年{1}月）</source>
        <translation>Starts in month {0} (month {0} to month {1} of the next year)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="69"/>
        <source>設定</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="71"/>
        <source>例: 株式会社みえる</source>
        <translation>e.g. Mieru Co., Ltd.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="75"/>
        <source>月</source>
        <translation> (month)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="89"/>
        <source>言語の変更は再起動後に反映されます</source>
        <translation>Language changes take effect after a restart</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="93"/>
        <source>会社名</source>
        <translation>Company name</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="94"/>
        <source>期首月</source>
        <translation>Fiscal year start</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="96"/>
        <source>達成の基準</source>
        <translation>Achieved threshold</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="97"/>
        <source>注意の基準</source>
        <translation>Caution threshold</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="100"/>
        <source>達成率が「達成の基準」以上なら達成、「注意の基準」以上なら注意、それ未満は未達です。</source>
        <translation>An achievement rate at or above the Achieved threshold counts as Achieved, at or above the Caution threshold as Caution, and anything lower as Missed.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="106"/>
        <source>表示言語</source>
        <translation>Display language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="109"/>
        <source>このPCのファイル（既定）</source>
        <translation>A file on this PC (default)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="110"/>
        <source>共有サーバー（PostgreSQL）</source>
        <translation>Shared server (PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="115"/>
        <source>複数の管理者で同じデータを使うときはサーバーを指定します（再起動後に反映）。今のデータをサーバーへ移すには README の「共有モード」を参照してください。</source>
        <translation>Choose a server when several managers use the same data (takes effect after a restart). To move the current data to the server, see “Shared mode” in the README.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="123"/>
        <source>残すバックアップの数</source>
        <translation>Backups to keep</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="124"/>
        <source>データの保存先</source>
        <translation>Data location</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="182"/>
        <source>会社名を入力してください。</source>
        <translation>Enter a company name.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="184"/>
        <source>「注意の基準」は「達成の基準」以下にしてください。</source>
        <translation>The Caution threshold must not be higher than the Achieved threshold.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="187"/>
        <source>サーバーは postgresql+psycopg://利用者:パスワード@サーバー名/データベース名 の形で入力してください。</source>
        <translation>Enter the server as postgresql+psycopg://user:password@server/database.</translation>
    </message>
</context>
<context>
    <name>SheetEditor</name>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="105"/>
        <source>一次評価者</source>
        <translation>First-level reviewer</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="107"/>
        <source>二次評価者</source>
        <translation>Second-level reviewer</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="120"/>
        <source>選択した評価項目のレベル説明（1行に1レベル、低い順）</source>
        <translation>Level descriptions for the selected item (one level per line, lowest first)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="132"/>
        <source>{0}評価</source>
        <translation>{0} evaluation</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="135"/>
        <source>項目を追加</source>
        <translation>Add item</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="136"/>
        <source>項目を削除</source>
        <translation>Remove item</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="143"/>
        <source>選択した目標の関連KPI</source>
        <translation>Related KPI for the selected goal</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="152"/>
        <source>加点を追加</source>
        <translation>Add bonus</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="153"/>
        <source>減点を追加</source>
        <translation>Add penalty</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="154"/>
        <location filename="../../ui/appraisal_sheet.py" line="172"/>
        <source>削除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="166"/>
        <source>本人所見</source>
        <translation>Self comments</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="167"/>
        <source>一次評価者コメント</source>
        <translation>First-level reviewer&apos;s comments</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="168"/>
        <source>二次評価者コメント</source>
        <translation>Second-level reviewer&apos;s comments</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="171"/>
        <source>面談を追加</source>
        <translation>Add interview</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="180"/>
        <source>目標・評価</source>
        <translation>Goals &amp; evaluation</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="181"/>
        <source>加点・減点</source>
        <translation>Bonus/penalty points</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="182"/>
        <source>コメント</source>
        <translation>Comments</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="183"/>
        <source>面談記録</source>
        <translation>Interview record</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="184"/>
        <source>履歴</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="190"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="194"/>
        <source>印刷プレビュー…</source>
        <translation>Print preview…</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="195"/>
        <source>PDFに保存…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="196"/>
        <source>一次評価者用PDF…</source>
        <translation>PDF for first-level reviewer…</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="197"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="274"/>
        <source>{0}（{1}）&#x3000;{2}&#x3000;{3}&#x3000;{4}&#x3000;—&#x3000;{5}</source>
        <translation>{0} ({1}) · {2} · {3} · {4} — {5}</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="300"/>
        <location filename="../../ui/appraisal_sheet.py" line="307"/>
        <source>（なし）</source>
        <translation>(None)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="346"/>
        <source>状態：{0}</source>
        <translation>Status: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="396"/>
        <source>ウェイト合計 —</source>
        <translation>Total weight —</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="399"/>
        <source>ウェイト合計 {0}%</source>
        <translation>Total weight {0}%</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="402"/>
        <source>ウェイト合計 {0}%（100%にしてください）</source>
        <translation>Total weight {0}% (must be 100%)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="408"/>
        <source>加点 +{0} / 減点 −{1}</source>
        <translation>Bonus +{0} / Penalty −{1}</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="410"/>
        <source>業績 {0}&#x3000;プロセス {1}&#x3000;{2}&#x3000;→&#x3000;合計 {3} 点</source>
        <translation>Performance {0}   Process {1}   {2}   →   Total {3} points</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="415"/>
        <source>評語 {0}</source>
        <translation>Rating {0}</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="415"/>
        <source>評語 未評価</source>
        <translation>Not rated</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="420"/>
        <source>（新しい項目）</source>
        <translation>(New item)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="489"/>
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="522"/>
        <source>どの段階に戻しますか？</source>
        <translation>Which stage should the sheet go back to?</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="530"/>
        <source>差し戻しの理由（記録されます）</source>
        <translation>Reason for sending back (will be recorded)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="564"/>
        <source>_一次評価者用</source>
        <translation>_for_first-level_reviewer</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="566"/>
        <source>PDFに保存</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_sheet.py" line="566"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="215"/>
        <source>評価を開始（シートを一括作成）</source>
        <translation>Start appraisals (create sheets in bulk)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="217"/>
        <source>全社員</source>
        <translation>All employees</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="221"/>
        <source>前の評価期間（{0}）の目標をコピーする</source>
        <translation>Copy goals from the previous appraisal period ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="223"/>
        <source>前の評価期間はありません</source>
        <translation>No previous appraisal period</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="230"/>
        <source>（指定しない）</source>
        <translation>(Not specified)</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="234"/>
        <source>対象</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="236"/>
        <source>一次評価者</source>
        <translation>First-level reviewer</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="237"/>
        <source>二次評価者</source>
        <translation>Second-level reviewer</translation>
    </message>
    <message>
        <location filename="../../ui/appraisal_period_dialog.py" line="247"/>
        <source>在籍中の社員ごとに下書きの評価シートを作ります。作成済みの社員は飛ばします。</source>
        <translation>Creates a draft evaluation sheet for each active employee. Employees who already have one are skipped.</translation>
    </message>
</context>
<context>
    <name>SummaryModel</name>
    <message>
        <location filename="../../ui/dashboard_models.py" line="215"/>
        <source>部門</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="216"/>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="217"/>
        <source>達成</source>
        <translation>Achieved</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="218"/>
        <source>注意</source>
        <translation>Caution</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="219"/>
        <source>未達</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="220"/>
        <source>実績なし</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="221"/>
        <source>警告</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="222"/>
        <source>未入力</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="223"/>
        <source>未完了アクション</source>
        <translation>Open actions</translation>
    </message>
</context>
<context>
    <name>TargetChangeDialog</name>
    <message>
        <location filename="../../ui/target_change_dialog.py" line="51"/>
        <source>目標の改訂 — {0}</source>
        <translation>Target revision — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/target_change_dialog.py" line="56"/>
        <source>年度の目標</source>
        <translation>Target for the year</translation>
    </message>
    <message>
        <location filename="../../ui/target_change_dialog.py" line="59"/>
        <source>{0}年度はすでに始まっているため、目標の変更は改訂として理由とともに記録され、目標の改訂履歴に残ります。適用開始月より前の月の目標はそのまま残ります。</source>
        <translation>FY {0} has already started, so changing the target is recorded as a revision with its reason and kept in the target revision history. Months before the effective month keep their targets.</translation>
    </message>
    <message>
        <location filename="../../ui/target_change_dialog.py" line="67"/>
        <source>改訂して保存</source>
        <translation>Revise and save</translation>
    </message>
    <message>
        <location filename="../../ui/target_change_dialog.py" line="105"/>
        <source>{0} → {1}</source>
        <translation>{0} → {1}</translation>
    </message>
    <message>
        <location filename="../../ui/target_change_dialog.py" line="123"/>
        <source>保存できませんでした</source>
        <translation>Could not save</translation>
    </message>
</context>
<context>
    <name>TargetRevision</name>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="47"/>
        <source>改訂の理由を入力してください。</source>
        <translation>Enter a reason for the revision.</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="50"/>
        <source>新しい目標を数値で入力してください。</source>
        <translation>Enter the new target as a number.</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="53"/>
        <source>範囲で判定するKPIの目標はKPIの編集で変更してください。</source>
        <translation>For a KPI judged by a range, change the target by editing the KPI.</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="56"/>
        <source>適用開始月がこの年度に含まれていません。</source>
        <translation>The effective month is not in this fiscal year.</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="59"/>
        <source>適用開始月以降に計測する月がありません。</source>
        <translation>There are no measured months from the effective month onward.</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="62"/>
        <source>目標が変わっていません。</source>
        <translation>The target has not changed.</translation>
    </message>
</context>
<context>
    <name>TargetRevisionDialog</name>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="158"/>
        <source>目標を改訂 — {0}</source>
        <translation>Revise target — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="167"/>
        <source>例：15</source>
        <translation>e.g. 15</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="168"/>
        <source>年度の目標（現在）</source>
        <translation>Annual target (current)</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="169"/>
        <source>新しい目標</source>
        <translation>New target</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="173"/>
        <source>改訂する</source>
        <translation>Revise</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="177"/>
        <source>適用開始月より前の月の目標はそのまま残ります。改訂は理由とともに履歴に記録されます。</source>
        <translation>Targets for months before the effective month stay as they are. The revision is recorded in the history along with its reason.</translation>
    </message>
    <message>
        <location filename="../../ui/target_revision_dialog.py" line="239"/>
        <source>改訂できませんでした</source>
        <translation>Could not revise the target</translation>
    </message>
</context>
<context>
    <name>TileDelegate</name>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="229"/>
        <source>警告</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="230"/>
        <source>未入力</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="231"/>
        <source>アクション</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="261"/>
        <source>（ミッション未設定）</source>
        <translation>(Mission not set)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="266"/>
        <source>ミッション：{0}</source>
        <translation>Mission: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="303"/>
        <source>未設定</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="308"/>
        <source>担当 {0}&#x3000;{1}</source>
        <translation>Owner: {0}  {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="320"/>
        <source>年度累計の達成率</source>
        <translation>YTD achievement</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="347"/>
        <source>今年度の実績はまだありません</source>
        <translation>No actuals this fiscal year yet</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="355"/>
        <source>年度末予測 {0}</source>
        <translation>Forecast {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="357"/>
        <source>年度実績 {0}</source>
        <translation>FY result {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="359"/>
        <source>予測なし</source>
        <translation>No forecast</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="363"/>
        <source>⚠ 警告{0}</source>
        <translation>⚠ Warnings {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="365"/>
        <source>未入力{0}</source>
        <translation>Missing {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="370"/>
        <source>予測 {0}</source>
        <translation>Fcst {0}</translation>
    </message>
</context>
<context>
    <name>ValueErrors</name>
    <message>
        <location filename="../../ui/value_errors.py" line="16"/>
        <source>「{0}」: 単位がこの指標の単位「{1}」と違います。</source>
        <translation>“{0}”: the unit differs from this KPI&apos;s unit “{1}”.</translation>
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
<context>
    <name>WarningModel</name>
    <message>
        <location filename="../../ui/dashboard_models.py" line="313"/>
        <source>重要度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="314"/>
        <source>KPI（部門）</source>
        <translation>KPI (department)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="315"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="316"/>
        <source>担当</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_models.py" line="328"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
</TS>
