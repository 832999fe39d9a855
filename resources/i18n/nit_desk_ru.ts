<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>AgentFiguresModel</name>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Requests taken in</source>
        <translation>Принято обращений</translation>
    </message>
    <message>
        <source>Closed as done</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <source>Holding now</source>
        <translation>В работе сейчас</translation>
    </message>
    <message>
        <source>Ban proposals</source>
        <translation>Предложений о блокировке</translation>
    </message>
    <message>
        <source>Payments recorded</source>
        <translation>Записано платежей</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <source>Pick an entry to see what changed.</source>
        <translation>Выберите запись, чтобы увидеть, что изменилось.</translation>
    </message>
    <message>
        <source>Load &amp;older entries</source>
        <translation>Загрузить &amp;более ранние записи</translation>
    </message>
    <message>
        <source>client no., handle or contact</source>
        <translation>№ клиента, псевдоним или контакт</translation>
    </message>
    <message>
        <source>Any user</source>
        <translation>Любой пользователь</translation>
    </message>
    <message>
        <source>Any kind of change</source>
        <translation>Любое изменение</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Клиент:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>Изменение:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <source>&amp;Verify the log</source>
        <translation>&amp;Проверить журнал</translation>
    </message>
    <message>
        <source>Check the whole audit chain: every entry must follow the one before it and keep the content it was written with</source>
        <translation>Проверить всю цепочку журнала аудита: каждая запись должна продолжать предыдущую и сохранять исходное содержимое</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Выгрузить в CSV…</translation>
    </message>
    <message>
        <source>Checking every entry…</source>
        <translation>Проверяем все записи…</translation>
    </message>
    <message numerus="yes">
        <source>Intact: %n entries</source>
        <translation>
            <numerusform>Цепочка цела: %n запись</numerusform>
            <numerusform>Цепочка цела: %n записи</numerusform>
            <numerusform>Цепочка цела: %n записей</numerusform>
        </translation>
    </message>
    <message>
        <source>Broken at entry #{seq}: {problem}</source>
        <translation>Цепочка нарушена на записи №{seq}: {problem}</translation>
    </message>
    <message>
        <source>Export the audit entries</source>
        <translation>Выгрузка записей журнала аудита</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Выгружаем…</translation>
    </message>
    <message numerus="yes">
        <source>%n entries exported to {file}.</source>
        <translation>
            <numerusform>%n запись выгружена в {file}.</numerusform>
            <numerusform>%n записи выгружены в {file}.</numerusform>
            <numerusform>%n записей выгружено в {file}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Entry #{seq} · {when} · {who}</source>
        <translation>Запись №{seq} · {when} · {who}</translation>
    </message>
    <message>
        <source>{what} — {entity}</source>
        <translation>{what} — {entity}</translation>
    </message>
    <message>
        <source>(no details recorded)</source>
        <translation>(подробности не записаны)</translation>
    </message>
    <message>
        <source>Before:</source>
        <translation>До:</translation>
    </message>
    <message>
        <source>After:</source>
        <translation>После:</translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown</source>
        <translation>
            <numerusform>Показана %n запись</numerusform>
            <numerusform>Показаны %n записи</numerusform>
            <numerusform>Показано %n записей</numerusform>
        </translation>
    </message>
    <message>
        <source> — scroll down for older ones</source>
        <translation> — прокрутите вниз, чтобы увидеть более ранние</translation>
    </message>
</context>
<context>
    <name>BackupsPanel</name>
    <message>
        <source>Backups</source>
        <translation>Резервные копии</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Восстановить…</translation>
    </message>
    <message>
        <source>Keep the newest</source>
        <translation>Хранить последние</translation>
    </message>
    <message>
        <source>backups (taken daily and before every upgrade)</source>
        <translation>копий (делаются ежедневно и перед каждым обновлением)</translation>
    </message>
    <message>
        <source>A PostgreSQL server is backed up by its administrator with pg_dump.</source>
        <translation>Резервные копии сервера PostgreSQL делает его администратор с помощью pg_dump.</translation>
    </message>
    <message>
        <source>{file} will be restored the next time NIT Desk starts.</source>
        <translation>Копия {file} будет восстановлена при следующем запуске NIT Desk.</translation>
    </message>
    <message>
        <source>No backups yet: the first is taken the next time NIT Desk starts.</source>
        <translation>Резервных копий пока нет: первая будет сделана при следующем запуске NIT Desk.</translation>
    </message>
    <message>
        <source>Backups are kept in {folder}.</source>
        <translation>Копии хранятся в папке {folder}.</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>ежедневная</translation>
    </message>
    <message>
        <source>before upgrade</source>
        <translation>перед обновлением</translation>
    </message>
    <message>
        <source>{date} — {reason}, {size} KB</source>
        <translation>{date} — {reason}, {size} КБ</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Восстановление из копии</translation>
    </message>
    <message>
        <source>Restore the backup of {date}? It is checked and put in place the next time NIT Desk starts; the database as it is then is kept beside it. Work saved after the backup was taken will not be in the restored database.</source>
        <translation>Восстановить копию от {date}? Она будет проверена и поставлена на место при следующем запуске NIT Desk; база в её тогдашнем виде сохранится рядом. Изменений, сохранённых после создания копии, в восстановленной базе не будет.</translation>
    </message>
</context>
<context>
    <name>BanProposalDialog</name>
    <message>
        <source>Propose a ban — {handle}</source>
        <translation>Предложить блокировку — {handle}</translation>
    </message>
    <message>
        <source>A client who refuses or obstructs a required action can be banned from support. Name what {handle} refused; a supervisor reviews the proposal.</source>
        <translation>Клиенту, который отказывается от обязательного действия или мешает его выполнить, можно закрыть доступ к поддержке. Укажите, от чего отказался {handle}; предложение рассмотрит супервайзер.</translation>
    </message>
    <message>
        <source>what happened, in a few words</source>
        <translation>что произошло, в двух словах</translation>
    </message>
    <message>
        <source>&amp;Send to supervisors</source>
        <translation>&amp;Отправить супервайзерам</translation>
    </message>
    <message>
        <source>Propose to ban {handle}</source>
        <translation>Предложить заблокировать {handle}</translation>
    </message>
    <message>
        <source>&amp;Refused steps:</source>
        <translation>&amp;Шаги, от которых отказался клиент:</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Комментарий:</translation>
    </message>
    <message>
        <source>{title} — {state}</source>
        <translation>{title} — {state}</translation>
    </message>
    <message>
        <source>(required)</source>
        <translation>(обязательный)</translation>
    </message>
    <message>
        <source>Sensitive action refused: {action} ({when})</source>
        <translation>Отказ от чувствительного действия: {action} ({when})</translation>
    </message>
    <message>
        <source>Tick the step or steps the client refused.</source>
        <translation>Отметьте шаг или шаги, от которых отказался клиент.</translation>
    </message>
</context>
<context>
    <name>BanReview</name>
    <message>
        <source>Ban proposals waiting for review</source>
        <translation>Предложения о блокировке, ожидающие решения</translation>
    </message>
    <message>
        <source>No ban proposals are waiting.</source>
        <translation>Предложений о блокировке нет.</translation>
    </message>
    <message>
        <source>&amp;Approve ban…</source>
        <translation>&amp;Одобрить блокировку…</translation>
    </message>
    <message>
        <source>Ban the client: open requests are cancelled by ban and any advance is forfeited</source>
        <translation>Заблокировать клиента: открытые обращения отменяются из-за блокировки, внесённый аванс удерживается</translation>
    </message>
    <message>
        <source>&amp;Reject…</source>
        <translation>О&amp;тклонить…</translation>
    </message>
    <message>
        <source>The client goes back to normal work</source>
        <translation>Работа с клиентом продолжается в обычном порядке</translation>
    </message>
    <message>
        <source>Banned clients</source>
        <translation>Заблокированные клиенты</translation>
    </message>
    <message>
        <source>&amp;Lift ban…</source>
        <translation>&amp;Снять блокировку…</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Основания</translation>
    </message>
    <message>
        <source>Pick a proposal or a banned client to see the evidence.</source>
        <translation>Выберите предложение или заблокированного клиента, чтобы увидеть основания.</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Чек-лист</translation>
    </message>
    <message>
        <source>Sensitive actions</source>
        <translation>Чувствительные действия</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>&lt;b&gt;{handle}&lt;/b&gt; (client #{id}) — {state}</source>
        <translation>&lt;b&gt;{handle}&lt;/b&gt; (клиент №{id}) — {state}</translation>
    </message>
    <message>
        <source>Proposed by {agent} at {when}: “{comment}”</source>
        <translation>Предложил(а) {agent}, {when}: «{comment}»</translation>
    </message>
    <message>
        <source>Refused: {steps}</source>
        <translation>Отказ: {steps}</translation>
    </message>
    <message>
        <source>Banned by {user} at {when}: “{reason}”</source>
        <translation>Заблокировал(а) {user}, {when}: «{reason}»</translation>
    </message>
    <message>
        <source>{done} of {total} required steps done</source>
        <translation>обязательные шаги: выполнено {done} из {total}</translation>
    </message>
    <message>
        <source>banned; {progress}</source>
        <translation>доступ закрыт; {progress}</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>зарегистрирован</translation>
    </message>
    <message>
        <source>sensitive action “{action}” ({warning}; the client answered: {answer})</source>
        <translation>чувствительное действие «{action}» ({warning}; ответ клиента: {answer})</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>согласился</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>отказался</translation>
    </message>
    <message numerus="yes">
        <source>Approving now: %n open request(s) cancelled, {money} forfeited.</source>
        <translation>
            <numerusform>Если одобрить сейчас: будет отменено %n открытое обращение, аванс {money} не возвращается.</numerusform>
            <numerusform>Если одобрить сейчас: будет отменено %n открытых обращения, аванс {money} не возвращается.</numerusform>
            <numerusform>Если одобрить сейчас: будет отменено %n открытых обращений, аванс {money} не возвращается.</numerusform>
        </translation>
    </message>
    <message>
        <source>Approve the ban of {handle}</source>
        <translation>Одобрить блокировку {handle}</translation>
    </message>
    <message>
        <source>{handle} will be banned: every open request is closed as cancelled by ban and any advance paid is recorded as forfeited, not refunded. A reason for the record (optional; the agent&apos;s comment is kept):</source>
        <translation>Клиенту {handle} будет закрыт доступ к поддержке: все открытые обращения будут отменены из-за блокировки, а внесённый аванс будет удержан без возврата. Причина для журнала (необязательно; комментарий оператора сохранится):</translation>
    </message>
    <message>
        <source>&amp;Ban the client</source>
        <translation>&amp;Заблокировать клиента</translation>
    </message>
    <message numerus="yes">
        <source>{handle} is banned: %n open request(s) cancelled, {money} forfeited.</source>
        <translation>
            <numerusform>Клиенту {handle} закрыт доступ: отменено %n открытое обращение, удержано {money}.</numerusform>
            <numerusform>Клиенту {handle} закрыт доступ: отменены %n открытые обращения, удержано {money}.</numerusform>
            <numerusform>Клиенту {handle} закрыт доступ: отменено %n открытых обращений, удержано {money}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reject the ban of {handle}</source>
        <translation>Отклонить блокировку {handle}</translation>
    </message>
    <message>
        <source>{agent} proposed to ban {handle}. Why is the proposal rejected? The agent sees the reason on the client card.</source>
        <translation>{agent} предлагает заблокировать {handle}. Почему предложение отклонено? Оператор увидит причину в карточке клиента.</translation>
    </message>
    <message>
        <source>&amp;Reject the proposal</source>
        <translation>&amp;Отклонить предложение</translation>
    </message>
    <message>
        <source>The ban proposal for {handle} is rejected; the client is back to normal work.</source>
        <translation>Предложение заблокировать {handle} отклонено; работа с клиентом продолжается в обычном порядке.</translation>
    </message>
    <message>
        <source>Lift the ban of {handle}</source>
        <translation>Снять блокировку с {handle}</translation>
    </message>
    <message>
        <source>{handle} may contact support again; requests cancelled by the ban stay cancelled. Why is the ban lifted?</source>
        <translation>{handle} снова сможет обращаться в поддержку; обращения, отменённые из-за блокировки, останутся отменёнными. Почему блокировка снимается?</translation>
    </message>
    <message>
        <source>&amp;Lift the ban</source>
        <translation>&amp;Снять блокировку</translation>
    </message>
    <message>
        <source>The ban of {handle} is lifted.</source>
        <translation>Блокировка с {handle} снята.</translation>
    </message>
</context>
<context>
    <name>BannedModel</name>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Banned since</source>
        <translation>Заблокирован с</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Кем</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message>
        <source>Working…</source>
        <translation>Выполняется…</translation>
    </message>
</context>
<context>
    <name>CardActions</name>
    <message>
        <source>Ready &amp;answer…</source>
        <translation>Готовый &amp;ответ…</translation>
    </message>
    <message>
        <source>Copy a ready answer, filled for this client, for the messenger (Ctrl+Shift+G)</source>
        <translation>Скопировать готовый ответ, заполненный для этого клиента, для мессенджера (Ctrl+Shift+G)</translation>
    </message>
    <message>
        <source>&amp;Sensitive action…</source>
        <translation>&amp;Чувствительное действие…</translation>
    </message>
    <message>
        <source>Record that the client was warned before a code is asked for</source>
        <translation>Записать, что клиента предупредили, прежде чем просить код</translation>
    </message>
    <message>
        <source>Propose &amp;ban…</source>
        <translation>Предложить &amp;блокировку…</translation>
    </message>
    <message>
        <source>The client is banned already.</source>
        <translation>Клиенту уже закрыт доступ к поддержке.</translation>
    </message>
    <message>
        <source>A ban proposal is waiting for a supervisor.</source>
        <translation>Предложение о блокировке ждёт решения супервайзера.</translation>
    </message>
    <message>
        <source>Propose a ban for refused steps</source>
        <translation>Предложить блокировку за отказ от шагов</translation>
    </message>
    <message>
        <source>New request #{id} for {handle} saved.</source>
        <translation>Новое обращение №{id} для {handle} сохранено.</translation>
    </message>
    <message>
        <source>Ready answer copied: paste it into the messenger chat.</source>
        <translation>Готовый ответ скопирован: вставьте его в чат мессенджера.</translation>
    </message>
    <message>
        <source>Sensitive action recorded for {handle}.</source>
        <translation>Чувствительное действие для {handle} записано.</translation>
    </message>
    <message>
        <source>Ban of {handle} proposed to the supervisors.</source>
        <translation>Предложение заблокировать {handle} отправлено супервайзерам.</translation>
    </message>
</context>
<context>
    <name>CardCorrections</name>
    <message>
        <source>Contact of {handle} fixed.</source>
        <translation>Контакт {handle} исправлен.</translation>
    </message>
    <message>
        <source>Contact added to {handle}.</source>
        <translation>Контакт добавлен клиенту {handle}.</translation>
    </message>
    <message>
        <source>Remove a contact</source>
        <translation>Удалить контакт</translation>
    </message>
    <message>
        <source>Remove the {kind} {value} from {handle}&apos;s contacts? The history keeps a record of it.</source>
        <translation>Удалить {kind} {value} из контактов {handle}? В истории останется запись об этом.</translation>
    </message>
    <message>
        <source>Contact removed from {handle}.</source>
        <translation>Контакт клиента {handle} удалён.</translation>
    </message>
    <message>
        <source>System information — {handle}</source>
        <translation>Информация о системе — {handle}</translation>
    </message>
    <message>
        <source>System:</source>
        <translation>Система:</translation>
    </message>
    <message>
        <source>System information of {handle} saved.</source>
        <translation>Информация о системе {handle} сохранена.</translation>
    </message>
    <message>
        <source>Description — request #{id}</source>
        <translation>Описание — обращение №{id}</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Описание:</translation>
    </message>
    <message>
        <source>Description of request #{id} saved.</source>
        <translation>Описание обращения №{id} сохранено.</translation>
    </message>
    <message>
        <source>Request #{id}: deadline re-agreed for {deadline}.</source>
        <translation>Обращение №{id}: срок пересогласован на {deadline}.</translation>
    </message>
</context>
<context>
    <name>CardTabs</name>
    <message>
        <source>Tab: {title}</source>
        <translation>Вкладка: {title}</translation>
    </message>
    <message>
        <source>Open in a &amp;window</source>
        <translation>Открыть в &amp;окне</translation>
    </message>
    <message>
        <source>Open this tab of the shown request in a window of its own (the card keeps it)</source>
        <translation>Открыть эту вкладку показанного обращения в отдельном окне (в карточке она останется)</translation>
    </message>
    <message>
        <source>{what} — request #{id} · {handle}</source>
        <translation>{what} — обращение №{id} · {handle}</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change your password</source>
        <translation>Смена пароля</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Сменить пароль</translation>
    </message>
    <message>
        <source>Before you start, choose a new password of your own (at least 8 characters).</source>
        <translation>Прежде чем начать работу, придумайте собственный пароль (не короче 8 символов).</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>Текущий пароль:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Новый пароль:</translation>
    </message>
    <message>
        <source>Repeat new password:</source>
        <translation>Повторите новый пароль:</translation>
    </message>
    <message>
        <source>The two new passwords differ; type them again.</source>
        <translation>Новые пароли не совпадают; введите их ещё раз.</translation>
    </message>
    <message>
        <source>Changing the password…</source>
        <translation>Меняем пароль…</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Обязательный</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Кто отметил</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>required</source>
        <translation>обязательный</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>необязательный</translation>
    </message>
    <message>
        <source>Required step</source>
        <translation>Обязательный шаг</translation>
    </message>
    <message>
        <source>Optional step</source>
        <translation>Необязательный шаг</translation>
    </message>
    <message>
        <source>{kind}: {state}</source>
        <translation>{kind}: {state}</translation>
    </message>
    <message>
        <source>{kind}: {state}, set by {user} at {when}</source>
        <translation>{kind}: {state}, отметил(а) {user}, {when}</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Выполнен</translation>
    </message>
    <message>
        <source>&amp;Refused</source>
        <translation>О&amp;тказ</translation>
    </message>
    <message>
        <source>&amp;Not applicable</source>
        <translation>&amp;Неприменим</translation>
    </message>
    <message>
        <source>&amp;Pending</source>
        <translation>&amp;Ожидает</translation>
    </message>
    <message>
        <source>Tick the current step done (Space or Ctrl+D)</source>
        <translation>Отметить текущий шаг выполненным (Пробел или Ctrl+D)</translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} required steps done</source>
        <translation>
            <numerusform>Обязательные шаги: выполнен %n из {total}</numerusform>
            <numerusform>Обязательные шаги: выполнено %n из {total}</numerusform>
            <numerusform>Обязательные шаги: выполнено %n из {total}</numerusform>
        </translation>
    </message>
    <message>
        <source>No client</source>
        <translation>Клиент не выбран</translation>
    </message>
</context>
<context>
    <name>ClientCardView</name>
    <message>
        <source>&amp;New request…</source>
        <translation>&amp;Новое обращение…</translation>
    </message>
    <message>
        <source>Ready &amp;answer…</source>
        <translation>Готовый &amp;ответ…</translation>
    </message>
    <message>
        <source>Sensitive action…</source>
        <translation>Чувствительное действие…</translation>
    </message>
    <message>
        <source>Propose ban…</source>
        <translation>Предложить блокировку…</translation>
    </message>
    <message>
        <source>Client card</source>
        <translation>Карточка клиента</translation>
    </message>
    <message>
        <source>Pick a request in the queue to see its client, or press Ctrl+I for a new request.</source>
        <translation>Выберите обращение в очереди, чтобы увидеть карточку клиента, или нажмите Ctrl+I, чтобы создать новое обращение.</translation>
    </message>
    <message>
        <source>Re&amp;gistration</source>
        <translation>&amp;Регистрация</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;История</translation>
    </message>
    <message>
        <source>Wor&amp;k log</source>
        <translation>&amp;Журнал работ</translation>
    </message>
    <message>
        <source>Re&amp;gistration ({done}/{total})</source>
        <translation>&amp;Регистрация ({done}/{total})</translation>
    </message>
    <message>
        <source>Copied: {value}</source>
        <translation>Скопировано: {value}</translation>
    </message>
    <message>
        <source>Request #{id}: {status}.</source>
        <translation>Обращение №{id}: {status}.</translation>
    </message>
    <message>
        <source>Request #{id}: payment scheme saved.</source>
        <translation>Обращение №{id}: схема оплаты сохранена.</translation>
    </message>
</context>
<context>
    <name>ClientHeader</name>
    <message>
        <source>registered</source>
        <translation>зарегистрирован</translation>
    </message>
    <message>
        <source>not registered</source>
        <translation>не зарегистрирован</translation>
    </message>
    <message>
        <source>trusted</source>
        <translation>доверенное лицо</translation>
    </message>
    <message>
        <source>banned</source>
        <translation>доступ закрыт</translation>
    </message>
    <message>
        <source>ban proposed</source>
        <translation>предложена блокировка</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <source>Correct the system information</source>
        <translation>Исправить информацию о системе</translation>
    </message>
    <message>
        <source>On the &amp;trusted persons list</source>
        <translation>В списке &amp;доверенных лиц</translation>
    </message>
    <message>
        <source>System: {info}</source>
        <translation>Система: {info}</translation>
    </message>
    <message>
        <source>System: not collected yet</source>
        <translation>Система: сведения ещё не собраны</translation>
    </message>
    <message>
        <source>Only a registered client who is not banned can be trusted: {reasons}.</source>
        <translation>Доверенным лицом может быть только зарегистрированный клиент, которому не закрыт доступ к поддержке: {reasons}.</translation>
    </message>
    <message>
        <source>Trusted persons may get phone consultations once the current work is paid.</source>
        <translation>Доверенные лица могут получать консультации по телефону, когда текущая работа оплачена.</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>одобрено</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>отклонено</translation>
    </message>
    <message>
        <source>Last ban proposal {verdict} by {user}</source>
        <translation>Последнее предложение о блокировке: {verdict}, решение принял(а) {user}</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare estimate versions</source>
        <translation>Сравнение версий сметы</translation>
    </message>
    <message>
        <source>Older:</source>
        <translation>Более ранняя:</translation>
    </message>
    <message>
        <source>Newer:</source>
        <translation>Более поздняя:</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Услуга</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Кол-во</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Цена за ед.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>{added} added, {removed} removed, {changed} changed</source>
        <translation>добавлено: {added}, удалено: {removed}, изменено: {changed}</translation>
    </message>
    <message>
        <source>Total: {old} → {new} ({change})</source>
        <translation>Итого: {old} → {new} ({change})</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>PostgreSQL server</source>
        <translation>Сервер PostgreSQL</translation>
    </message>
    <message>
        <source>server name or address</source>
        <translation>имя или адрес сервера</translation>
    </message>
    <message>
        <source>Kept in this computer&apos;s keyring, never in the settings file.</source>
        <translation>Хранится в системном хранилище паролей этого компьютера и никогда — в файле настроек.</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Проверить подключение</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Сервер:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Порт:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>База данных:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <source>The connection cannot be tested here.</source>
        <translation>Здесь проверить подключение нельзя.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
</context>
<context>
    <name>ContactsPanel</name>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Messenger</source>
        <translation>Мессенджер</translation>
    </message>
    <message>
        <source>No contacts</source>
        <translation>Контактов нет</translation>
    </message>
    <message>
        <source>Call or message {value}</source>
        <translation>Позвонить или написать на {value}</translation>
    </message>
    <message>
        <source>Write to {value}</source>
        <translation>Написать на {value}</translation>
    </message>
    <message>
        <source>Open the chat with {value}</source>
        <translation>Открыть чат с {value}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Copy {value}</source>
        <translation>Скопировать {value}</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Fix this contact…</source>
        <translation>Исправить этот контакт…</translation>
    </message>
    <message>
        <source>Remove this contact…</source>
        <translation>Удалить этот контакт…</translation>
    </message>
    <message>
        <source>+ Add a contact…</source>
        <translation>+ Добавить контакт…</translation>
    </message>
    <message>
        <source>Give the client one more phone, email or messenger account</source>
        <translation>Добавить клиенту ещё телефон, эл. почту или аккаунт в мессенджере</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <source>email</source>
        <translation>эл. почта</translation>
    </message>
    <message>
        <source>messenger account</source>
        <translation>аккаунт в мессенджере</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Вид:</translation>
    </message>
    <message>
        <source>Network:</source>
        <translation>Сеть:</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>Значение:</translation>
    </message>
    <message>
        <source>e.g. the client asked to move it to Friday</source>
        <translation>например: клиент попросил перенести на пятницу</translation>
    </message>
    <message>
        <source>New deadline:</source>
        <translation>Новый срок:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <source>Never type passwords, codes, card numbers or full names here.</source>
        <translation>Никогда не вводите сюда пароли, коды, номера карт и полные ФИО.</translation>
    </message>
    <message>
        <source>The deadline is in the past: agree a deadline in the future.</source>
        <translation>Срок уже прошёл: согласуйте срок в будущем.</translation>
    </message>
    <message>
        <source>Say why the deadline moves.</source>
        <translation>Укажите, почему срок переносится.</translation>
    </message>
    <message>
        <source>Was: {value}. The change is kept in the client&apos;s history.</source>
        <translation>Было: {value}. Изменение сохранится в истории клиента.</translation>
    </message>
    <message>
        <source>Saved as {value}</source>
        <translation>Будет сохранено как {value}</translation>
    </message>
    <message>
        <source>Re-agree the deadline — request #{id}</source>
        <translation>Пересогласовать срок — обращение №{id}</translation>
    </message>
    <message>
        <source>Agreed now: {deadline}</source>
        <translation>Сейчас согласовано: {deadline}</translation>
    </message>
    <message>
        <source>Fix a contact — {handle}</source>
        <translation>Исправить контакт — {handle}</translation>
    </message>
    <message>
        <source>Add a contact — {handle}</source>
        <translation>Добавить контакт — {handle}</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n обращение</numerusform>
            <numerusform>%n обращения</numerusform>
            <numerusform>%n обращений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n клиент</numerusform>
            <numerusform>%n клиента</numerusform>
            <numerusform>%n клиентов</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>NIT Desk: unexpected problem</source>
        <translation>NIT Desk: непредвиденная ошибка</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Показать подробности</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Скопировать подробности</translation>
    </message>
    <message>
        <source>NIT Desk ran into a problem it did not expect. The action you started may not have finished; nothing was half-saved. Please tell your supervisor what you were doing.</source>
        <translation>В NIT Desk произошла непредвиденная ошибка. Начатое действие могло не завершиться, но ничего не сохранилось наполовину. Пожалуйста, расскажите супервайзеру, что вы делали в этот момент.</translation>
    </message>
    <message>
        <source>The details were written to {path}</source>
        <translation>Подробности записаны в файл {path}</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>Скрыть подробности</translation>
    </message>
</context>
<context>
    <name>DeskNotifier</name>
    <message>
        <source>NIT Desk</source>
        <translation>NIT Desk</translation>
    </message>
</context>
<context>
    <name>EstimateEditor</name>
    <message>
        <source>Estimate</source>
        <translation>Смета</translation>
    </message>
    <message>
        <source>Pick a request to see its approximate estimate.</source>
        <translation>Выберите обращение, чтобы увидеть его примерную смету.</translation>
    </message>
    <message>
        <source>Propose the estimate</source>
        <translation>Предложить смету</translation>
    </message>
    <message>
        <source>Client agreed to the estimate</source>
        <translation>Клиент согласовал смету</translation>
    </message>
    <message>
        <source>Client rejected the estimate</source>
        <translation>Клиент отклонил смету</translation>
    </message>
    <message>
        <source>Start an estimate</source>
        <translation>Составить смету</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Версии</translation>
    </message>
    <message>
        <source>Show or hide the version history</source>
        <translation>Показать или скрыть историю версий</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Сохранить черновик</translation>
    </message>
    <message>
        <source>Save the draft (Ctrl+S)</source>
        <translation>Сохранить черновик (Ctrl+S)</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>Предложить</translation>
    </message>
    <message>
        <source>Offer this version to the client; it freezes</source>
        <translation>Предложить эту версию клиенту; после этого она не меняется</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>Согласовано</translation>
    </message>
    <message>
        <source>The client agreed to this version</source>
        <translation>Клиент согласился с этой версией</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <source>The client turned this version down</source>
        <translation>Клиент отказался от этой версии</translation>
    </message>
    <message>
        <source>New version from this</source>
        <translation>Новая версия на основе этой</translation>
    </message>
    <message>
        <source>Client&apos;s answer:</source>
        <translation>Ответ клиента:</translation>
    </message>
    <message>
        <source>Reload (keep my lines)</source>
        <translation>Обновить (сохранив мои строки)</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Добавить строку</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Правка</translation>
    </message>
    <message>
        <source>Copy for messenger</source>
        <translation>Скопировать для мессенджера</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Сохранить в PDF…</translation>
    </message>
    <message>
        <source>Assumptions (the estimate is approximate):</source>
        <translation>Допущения (смета примерная):</translation>
    </message>
    <message>
        <source>e.g. approximate: without licence costs; the time may change once the system is seen</source>
        <translation>например: примерно, без стоимости лицензий; время может измениться после осмотра системы</translation>
    </message>
    <message>
        <source>Total (approximate)</source>
        <translation>Итого (примерно)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Удалить строку</translation>
    </message>
    <message>
        <source>Move line up</source>
        <translation>Переместить строку вверх</translation>
    </message>
    <message>
        <source>Move line down</source>
        <translation>Переместить строку вниз</translation>
    </message>
    <message>
        <source>Version {number} is still open: agree or reject it first</source>
        <translation>Версия {number} ещё не закрыта: сначала согласуйте или отклоните её</translation>
    </message>
    <message>
        <source>Start a new draft version from this one</source>
        <translation>Создать новый черновик на основе этой версии</translation>
    </message>
    <message>
        <source> (unsaved changes)</source>
        <translation> (есть несохранённые изменения)</translation>
    </message>
    <message>
        <source>Version {number}</source>
        <translation>Версия {number}</translation>
    </message>
    <message>
        <source>stage: {stage}</source>
        <translation>этап: {stage}</translation>
    </message>
    <message>
        <source>Request #{id}</source>
        <translation>Обращение №{id}</translation>
    </message>
    <message>
        <source>{request} — agreement points: {points}</source>
        <translation>{request} — этапы согласования: {points}</translation>
    </message>
    <message>
        <source>Agreed versions are frozen; start a new version to change.</source>
        <translation>Согласованные версии не меняются; чтобы внести изменения, создайте новую версию.</translation>
    </message>
    <message>
        <source>Proposed to the client and frozen: record the answer (Agree or Reject), then start a new version to change.</source>
        <translation>Версия предложена клиенту и больше не меняется: запишите ответ («Согласовано» или «Отклонено»), а для изменений создайте новую версию.</translation>
    </message>
    <message>
        <source>Rejected versions are frozen; start a new version to change.</source>
        <translation>Отклонённые версии не меняются; чтобы внести изменения, создайте новую версию.</translation>
    </message>
    <message>
        <source>Unsaved estimate</source>
        <translation>Смета не сохранена</translation>
    </message>
    <message>
        <source>Version {number} of request #{id} has unsaved changes. Save them?</source>
        <translation>В версии {number} сметы по обращению №{id} есть несохранённые изменения. Сохранить их?</translation>
    </message>
    <message>
        <source>Not saved, so request #{old} stays here: fix the marked cell and save, or undo. The card shows request #{new}.</source>
        <translation>Смета не сохранена, поэтому здесь остаётся обращение №{old}: исправьте отмеченную ячейку и сохраните или отмените изменения. В карточке показано обращение №{new}.</translation>
    </message>
    <message>
        <source>Request #{id} has no estimate yet. Agree an approximate estimate at the first contact and again after registration.</source>
        <translation>У обращения №{id} ещё нет сметы. Согласуйте примерную смету при первом обращении и ещё раз после регистрации.</translation>
    </message>
    <message>
        <source>Version {number} saved.</source>
        <translation>Версия {number} сохранена.</translation>
    </message>
    <message>
        <source>Version {number} proposed to the client.</source>
        <translation>Версия {number} предложена клиенту.</translation>
    </message>
    <message>
        <source>Version {number} agreed: it is frozen now.</source>
        <translation>Версия {number} согласована и больше не меняется.</translation>
    </message>
    <message>
        <source>Version {number} rejected.</source>
        <translation>Версия {number} отклонена.</translation>
    </message>
    <message>
        <source>Agree to the estimate</source>
        <translation>Согласовать смету</translation>
    </message>
    <message>
        <source>Agree version {number} for {total}?</source>
        <translation>Согласовать версию {number} на {total}?</translation>
    </message>
    <message>
        <source>Reject the estimate</source>
        <translation>Отклонить смету</translation>
    </message>
    <message>
        <source>Reject version {number} for {total}?</source>
        <translation>Отклонить версию {number} на {total}?</translation>
    </message>
    <message>
        <source>Draft version {number} started from version {old}.</source>
        <translation>Создан черновик версии {number} на основе версии {old}.</translation>
    </message>
    <message>
        <source>Estimate copied for the messenger: paste it into the client&apos;s chat.</source>
        <translation>Смета скопирована: вставьте её в чат с клиентом.</translation>
    </message>
    <message>
        <source>PDF saved: {path}</source>
        <translation>PDF сохранён: {path}</translation>
    </message>
    <message>
        <source>Version {number} is {status} now. Your lines are kept: use &quot;New version from this&quot; to continue with them.</source>
        <translation>Версия {number} теперь в статусе «{status}». Ваши строки сохранены: чтобы продолжить с ними, нажмите «Новая версия на основе этой».</translation>
    </message>
    <message>
        <source>Reloaded version {number}; your lines are kept. Save to replace the stored ones, or Compare… to see the difference.</source>
        <translation>Версия {number} обновлена, ваши строки сохранены. Сохраните, чтобы заменить записанные строки, или нажмите «Сравнить…», чтобы увидеть разницу.</translation>
    </message>
    <message>
        <source>Export estimate to PDF</source>
        <translation>Сохранение сметы в PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Could not write the PDF: {error}</source>
        <translation>Не удалось сохранить PDF: {error}</translation>
    </message>
    <message>
        <source>v{number} · unsaved</source>
        <translation>версия {number} · не сохранена</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <source>The shown version has unsaved changes. Discard them?</source>
        <translation>В открытой версии есть несохранённые изменения. Отказаться от них?</translation>
    </message>
</context>
<context>
    <name>EstimateModel</name>
    <message>
        <source>Service / description</source>
        <translation>Услуга / описание</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Кол-во</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Цена за ед.</translation>
    </message>
    <message>
        <source>Sum</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>Сумма по строке</translation>
    </message>
    <message>
        <source>service</source>
        <translation>услуга</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>количество</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>единица измерения</translation>
    </message>
    <message>
        <source>unit price</source>
        <translation>цена за единицу</translation>
    </message>
    <message>
        <source>total</source>
        <translation>сумма</translation>
    </message>
    <message>
        <source>move line {line} up</source>
        <translation>перемещение строки {line} вверх</translation>
    </message>
    <message>
        <source>move line {line} down</source>
        <translation>перемещение строки {line} вниз</translation>
    </message>
    <message>
        <source>change the note</source>
        <translation>изменение примечания</translation>
    </message>
    <message>
        <source>change {what} of line {line}</source>
        <translation>изменение поля «{what}» в строке {line}</translation>
    </message>
    <message>
        <source>add line {line}</source>
        <translation>добавление строки {line}</translation>
    </message>
    <message>
        <source>remove line {line}</source>
        <translation>удаление строки {line}</translation>
    </message>
</context>
<context>
    <name>IntakeClientBox</name>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>the nickname the client chose, e.g. pc_slow_msk</source>
        <translation>псевдоним, выбранный клиентом, например pc_slow_msk</translation>
    </message>
    <message>
        <source>&amp;Add messenger</source>
        <translation>&amp;Добавить мессенджер</translation>
    </message>
    <message>
        <source>&amp;Handle:</source>
        <translation>&amp;Псевдоним:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Телефон:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Эл. почта:</translation>
    </message>
    <message>
        <source>Messengers:</source>
        <translation>Мессенджеры:</translation>
    </message>
    <message>
        <source>Came in &amp;on:</source>
        <translation>&amp;Канал обращения:</translation>
    </message>
    <message>
        <source>Support works through messengers: the phone is for SMS confirmation, not for calls. Keep nothing else about the client: no name, no card or bank data.</source>
        <translation>Поддержка работает через мессенджеры: телефон нужен для подтверждения по СМС, а не для звонков. Больше ничего о клиенте не храним: ни имени, ни данных карты или банка.</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <source>New request</source>
        <translation>Новое обращение</translation>
    </message>
    <message>
        <source>Saved as {value}</source>
        <translation>Будет сохранено как {value}</translation>
    </message>
    <message>
        <source>Only a supervisor can go on with a banned client.</source>
        <translation>Продолжить работу с заблокированным клиентом может только супервайзер.</translation>
    </message>
    <message>
        <source>Type the account, or remove this row.</source>
        <translation>Введите аккаунт или удалите эту строку.</translation>
    </message>
    <message>
        <source>Some fields need attention: see the reasons beside them.</source>
        <translation>Некоторые поля заполнены неверно: причины указаны рядом с ними.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохраняем…</translation>
    </message>
    <message>
        <source>A messenger account needs attention.</source>
        <translation>Проверьте аккаунт в мессенджере.</translation>
    </message>
    <message>
        <source>A field needs attention: see the reason beside it.</source>
        <translation>Поле заполнено неверно: причина указана рядом с ним.</translation>
    </message>
</context>
<context>
    <name>IntakeRequestBox</name>
    <message>
        <source>Request</source>
        <translation>Обращение</translation>
    </message>
    <message>
        <source>what the client needs</source>
        <translation>что нужно клиенту</translation>
    </message>
    <message>
        <source>OS, hardware, programs: everything the client can tell</source>
        <translation>ОС, оборудование, программы — всё, что может рассказать клиент</translation>
    </message>
    <message>
        <source>&amp;Specification: the scope is fully clear</source>
        <translation>Техническое &amp;задание: объём работ полностью ясен</translation>
    </message>
    <message>
        <source>O&amp;ffline work: without the client on the line</source>
        <translation>&amp;Работа без клиента на связи</translation>
    </message>
    <message>
        <source>On-site &amp;visit by a specialist</source>
        <translation>&amp;Выезд специалиста к клиенту</translation>
    </message>
    <message>
        <source>visit address (kept on this request)</source>
        <translation>адрес выезда (сохраняется в этом обращении)</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Описание:</translation>
    </message>
    <message>
        <source>S&amp;ystem:</source>
        <translation>С&amp;истема:</translation>
    </message>
    <message>
        <source>&amp;Deadline:</source>
        <translation>&amp;Срок:</translation>
    </message>
    <message>
        <source>Flags:</source>
        <translation>Признаки:</translation>
    </message>
    <message>
        <source>The deadline is in the past: agree a deadline in the future.</source>
        <translation>Срок уже прошёл: согласуйте срок в будущем.</translation>
    </message>
    <message>
        <source>For a known client, (a) is decided on saving from their paid requests.</source>
        <translation>Для известного клиента пункт (a) определяется при сохранении по его оплаченным обращениям.</translation>
    </message>
    <message>
        <source>A new client: first contact, so the advance applies (a).</source>
        <translation>Новый клиент: первое обращение, поэтому нужна предоплата (a).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>NIT Desk — {user} ({role})</source>
        <translation>NIT Desk — {user} ({role})</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Очередь</translation>
    </message>
    <message>
        <source>Requests waiting for work will be listed here.</source>
        <translation>Здесь появятся обращения, ожидающие работы.</translation>
    </message>
    <message>
        <source>Client card</source>
        <translation>Карточка клиента</translation>
    </message>
    <message>
        <source>Pick a request in the queue to see its client.</source>
        <translation>Выберите обращение в очереди, чтобы увидеть карточку клиента.</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Работа</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;Change password…</source>
        <translation>&amp;Сменить пароль…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Выйти из учётной записи</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Закрыть программу</translation>
    </message>
    <message>
        <source>&amp;Work</source>
        <translation>&amp;Работа</translation>
    </message>
    <message>
        <source>(no work screens yet)</source>
        <translation>(рабочих экранов пока нет)</translation>
    </message>
    <message>
        <source>Supervisor &amp;console</source>
        <translation>&amp;Панель супервайзера</translation>
    </message>
    <message>
        <source>The supervisor console; F9 again goes back to the queue</source>
        <translation>Панель супервайзера; повторное F9 возвращает к очереди</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <source>&amp;About NIT Desk…</source>
        <translation>&amp;О программе NIT Desk…</translation>
    </message>
    <message>
        <source>{user} · {role}</source>
        <translation>{user} · {role}</translation>
    </message>
    <message>
        <source>Connected to {name}</source>
        <translation>Подключено: {name}</translation>
    </message>
    <message>
        <source>Database connection lost: reconnecting…</source>
        <translation>Связь с базой данных потеряна: переподключение…</translation>
    </message>
    <message>
        <source>Supervisor console</source>
        <translation>Панель супервайзера</translation>
    </message>
    <message>
        <source>Supervisor console ({count})</source>
        <translation>Панель супервайзера ({count})</translation>
    </message>
    <message>
        <source>Supervisor &amp;console ({count})</source>
        <translation>&amp;Панель супервайзера ({count})</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>Пароль изменён.</translation>
    </message>
    <message>
        <source>About NIT Desk</source>
        <translation>О программе NIT Desk</translation>
    </message>
    <message>
        <source>&lt;b&gt;NIT Desk&lt;/b&gt; {version}&lt;br&gt;The workstation of NIT&apos;s paid IT support call centre.</source>
        <translation>&lt;b&gt;NIT Desk&lt;/b&gt; {version}&lt;br&gt;Рабочее место оператора платной IT-поддержки NIT.</translation>
    </message>
    <message>
        <source>Database: {name}</source>
        <translation>База данных: {name}</translation>
    </message>
</context>
<context>
    <name>MatchBanner</name>
    <message>
        <source>I am a supervisor: go on with this banned client</source>
        <translation>Я супервайзер: продолжить работу с заблокированным клиентом</translation>
    </message>
    <message>
        <source>These contacts belong to {handle}, a client BANNED from support. Do not take the request.</source>
        <translation>Эти контакты принадлежат клиенту {handle}, которому ЗАКРЫТ доступ к поддержке. Не принимайте обращение.</translation>
    </message>
    <message>
        <source>Only a supervisor can go on.</source>
        <translation>Продолжить может только супервайзер.</translation>
    </message>
    <message>
        <source>The request will be added to the existing client {handle}.</source>
        <translation>Обращение будет добавлено существующему клиенту {handle}.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>These contacts belong to the existing client {handle}.</source>
        <translation>Эти контакты принадлежат существующему клиенту {handle}.</translation>
    </message>
    <message>
        <source>&amp;Use existing client {handle}</source>
        <translation>&amp;Выбрать существующего клиента {handle}</translation>
    </message>
    <message>
        <source>Also matching: {others}.</source>
        <translation>Совпадают также: {others}.</translation>
    </message>
</context>
<context>
    <name>MessengerRow</name>
    <message>
        <source>Remove this messenger account</source>
        <translation>Удалить этот аккаунт</translation>
    </message>
</context>
<context>
    <name>MoneyDelegate</name>
    <message>
        <source>Enter the unit price, e.g. 1 234,50.</source>
        <translation>Введите цену за единицу, например 1 234,50.</translation>
    </message>
</context>
<context>
    <name>MoneyEdit</name>
    <message>
        <source>e.g. 1 234,50</source>
        <translation>например, 1 234,50</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>Сумма должна быть больше нуля.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Add a user</source>
        <translation>Новый пользователь</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Имя пользователя:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Роль:</translation>
    </message>
    <message>
        <source>Reset the password of {name}</source>
        <translation>Сброс пароля пользователя {name}</translation>
    </message>
    <message>
        <source>Temporary &amp;password:</source>
        <translation>Временный &amp;пароль:</translation>
    </message>
    <message>
        <source>R&amp;epeat it:</source>
        <translation>П&amp;овторите его:</translation>
    </message>
    <message>
        <source>Tell the user the temporary password in person; they must choose their own at the next sign-in.</source>
        <translation>Сообщите временный пароль пользователю лично; при следующем входе он должен будет выбрать собственный.</translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation>&amp;Добавить пользователя</translation>
    </message>
    <message>
        <source>&amp;Reset password</source>
        <translation>&amp;Сбросить пароль</translation>
    </message>
    <message>
        <source>The two passwords differ: type the same one twice.</source>
        <translation>Пароли не совпадают: введите один и тот же пароль дважды.</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>Пароль базы данных</translation>
    </message>
    <message>
        <source>Password of {user} on {host}/{database}:</source>
        <translation>Пароль пользователя {user} на {host}/{database}:</translation>
    </message>
</context>
<context>
    <name>PaymentsPanel</name>
    <message>
        <source>Payments</source>
        <translation>Платежи</translation>
    </message>
    <message>
        <source>Pick a request to see its money.</source>
        <translation>Выберите обращение, чтобы увидеть его платежи.</translation>
    </message>
    <message>
        <source>&amp;Void payment…</source>
        <translation>&amp;Аннулировать платёж…</translation>
    </message>
    <message>
        <source>A wrong payment is voided with a reason; it stays in the list</source>
        <translation>Ошибочный платёж аннулируется с указанием причины и остаётся в списке</translation>
    </message>
    <message>
        <source>Record payment…</source>
        <translation>Записать платёж…</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>Согласовано</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Оплачено</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>К оплате</translation>
    </message>
    <message>
        <source>Forfeited</source>
        <translation>Удержано</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Способ</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Номер операции</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Записал(а)</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>Аннулирован</translation>
    </message>
    <message>
        <source>Payment scheme: {scheme}</source>
        <translation>Схема оплаты: {scheme}</translation>
    </message>
    <message>
        <source>not agreed yet</source>
        <translation>пока не согласовано</translation>
    </message>
    <message>
        <source>Record money received for this request</source>
        <translation>Записать деньги, полученные по этому обращению</translation>
    </message>
    <message>
        <source>{user}, {time}</source>
        <translation>{user}, {time}</translation>
    </message>
    <message>
        <source>Payment of {amount} recorded.</source>
        <translation>Платёж на {amount} записан.</translation>
    </message>
    <message>
        <source>Payment of {amount} voided: it stays in the list, struck through.</source>
        <translation>Платёж на {amount} аннулирован: он остаётся в списке, зачёркнутым.</translation>
    </message>
    <message>
        <source>voided by {user}, {time}: {reason}</source>
        <translation>аннулирован: {user}, {time}: {reason}</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>оплачено</translation>
    </message>
    <message>
        <source>due {amount}</source>
        <translation>к оплате {amount}</translation>
    </message>
    <message>
        <source>paid · overpaid by {amount}</source>
        <translation>оплачено · переплата {amount}</translation>
    </message>
    <message>
        <source>The client is banned: no payment or refund can be recorded; any advance is forfeited.</source>
        <translation>Клиенту закрыт доступ к поддержке: платежи и возвраты не записываются, внесённый аванс удерживается.</translation>
    </message>
    <message>
        <source>The request is cancelled: no payment can be recorded.</source>
        <translation>Обращение отменено: платёж записать нельзя.</translation>
    </message>
    <message>
        <source>Paid on completion: record the payment once the work is done.</source>
        <translation>Оплата по факту: запишите платёж, когда работа будет выполнена.</translation>
    </message>
</context>
<context>
    <name>PhoneConsultationIndicator</name>
    <message>
        <source>Phone consultation: —</source>
        <translation>Консультация по телефону: —</translation>
    </message>
    <message>
        <source>Phone consultation: allowed</source>
        <translation>Консультация по телефону: можно</translation>
    </message>
    <message>
        <source>Trusted person, current work paid.</source>
        <translation>Доверенное лицо, текущая работа оплачена.</translation>
    </message>
    <message>
        <source>Phone consultation: not allowed</source>
        <translation>Консультация по телефону: нельзя</translation>
    </message>
</context>
<context>
    <name>PriceItemDialog</name>
    <message>
        <source>Change service</source>
        <translation>Изменение услуги</translation>
    </message>
    <message>
        <source>New service</source>
        <translation>Новая услуга</translation>
    </message>
    <message>
        <source>Extra fee (e.g. third-party registration)</source>
        <translation>Дополнительная плата (например, регистрация в стороннем сервисе)</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Ед. изм.:</translation>
    </message>
    <message>
        <source>Unit price:</source>
        <translation>Цена за единицу:</translation>
    </message>
    <message>
        <source>Enter the unit price, e.g. 1 234,50.</source>
        <translation>Введите цену за единицу, например 1 234,50.</translation>
    </message>
</context>
<context>
    <name>PriceListEditor</name>
    <message>
        <source>Add…</source>
        <translation>Добавить…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Снять с продажи</translation>
    </message>
    <message>
        <source>Price list</source>
        <translation>Прайс-лист</translation>
    </message>
    <message>
        <source>Estimates keep the prices they were made with; a withdrawn service is no longer offered for new lines.</source>
        <translation>Сметы сохраняют цены, по которым были составлены; снятая с продажи услуга больше не предлагается для новых строк.</translation>
    </message>
    <message>
        <source>Bring back</source>
        <translation>Вернуть в продажу</translation>
    </message>
</context>
<context>
    <name>PriceListModel</name>
    <message>
        <source>Service</source>
        <translation>Услуга</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Цена за ед.</translation>
    </message>
    <message>
        <source>Extra fee</source>
        <translation>Доп. плата</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>В продаже</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>active</source>
        <translation>в продаже</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>снята с продажи</translation>
    </message>
</context>
<context>
    <name>ProposalsModel</name>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Отказ</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>Предложил(а)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>on completion</source>
        <translation>по факту</translation>
    </message>
    <message>
        <source>VK</source>
        <translation>ВКонтакте</translation>
    </message>
    <message>
        <source>Odnoklassniki</source>
        <translation>Одноклассники</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Skype</source>
        <translation>Skype</translation>
    </message>
    <message>
        <source>MAX</source>
        <translation>MAX</translation>
    </message>
    <message>
        <source>new</source>
        <translation>новая</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>в работе</translation>
    </message>
    <message>
        <source>waiting for client</source>
        <translation>ждёт клиента</translation>
    </message>
    <message>
        <source>done</source>
        <translation>выполнена</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменена</translation>
    </message>
    <message>
        <source>cancelled by ban</source>
        <translation>отменена из-за блокировки</translation>
    </message>
    <message>
        <source>advance</source>
        <translation>предоплата</translation>
    </message>
    <message>
        <source>first contact</source>
        <translation>первое обращение</translation>
    </message>
    <message>
        <source>specification requested</source>
        <translation>запрошено техническое задание</translation>
    </message>
    <message>
        <source>offline work</source>
        <translation>работа без клиента на связи</translation>
    </message>
    <message>
        <source>on-site visit</source>
        <translation>выезд к клиенту</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Канал</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Reg.</source>
        <translation>Рег.</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Claimed by</source>
        <translation>Ведёт</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Обращение</translation>
    </message>
    <message>
        <source>The client&apos;s handle</source>
        <translation>Псевдоним клиента</translation>
    </message>
    <message>
        <source>Where the client wrote from</source>
        <translation>Откуда написал клиент</translation>
    </message>
    <message>
        <source>Where the request stands</source>
        <translation>На каком этапе обращение</translation>
    </message>
    <message>
        <source>Registration: required steps done / required</source>
        <translation>Регистрация: выполнено обязательных шагов / всего обязательных</translation>
    </message>
    <message>
        <source>Payment scheme: advance or on completion</source>
        <translation>Схема оплаты: предоплата или по факту</translation>
    </message>
    <message>
        <source>Agreed deadline and the time left</source>
        <translation>Согласованный срок и оставшееся время</translation>
    </message>
    <message>
        <source>Which agent holds it</source>
        <translation>Какой оператор ведёт обращение</translation>
    </message>
    <message>
        <source>What the client asked for</source>
        <translation>Что просил клиент</translation>
    </message>
    <message>
        <source>in {span}</source>
        <translation>через {span}</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} мин</translation>
    </message>
    <message>
        <source>overdue {span}</source>
        <translation>просрочено на {span}</translation>
    </message>
    <message>
        <source>{d} d {h} h</source>
        <translation>{d} д {h} ч</translation>
    </message>
    <message>
        <source>{d} d</source>
        <translation>{d} д</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} ч {m} мин</translation>
    </message>
    <message>
        <source>{h} h</source>
        <translation>{h} ч</translation>
    </message>
    <message>
        <source>{name} (lapsed)</source>
        <translation>{name} (закрепление истекло)</translation>
    </message>
    <message>
        <source>{name} (you)</source>
        <translation>{name} (вы)</translation>
    </message>
    <message>
        <source>{done} of {total} required registration steps done</source>
        <translation>Обязательные шаги регистрации: выполнено {done} из {total}</translation>
    </message>
    <message>
        <source>This client is banned from support.</source>
        <translation>Этому клиенту закрыт доступ к поддержке.</translation>
    </message>
    <message>
        <source>Agreed deadline: {when}</source>
        <translation>Согласованный срок: {when}</translation>
    </message>
    <message>
        <source>{name}&apos;s claim lapsed without a heartbeat: anyone may take it.</source>
        <translation>{name} больше не подтверждает работу с обращением, закрепление истекло: его может взять любой оператор.</translation>
    </message>
    <message>
        <source>Held by {name} since {since}</source>
        <translation>Ведёт {name} с {since}</translation>
    </message>
    <message>
        <source>Advance: {reasons}</source>
        <translation>Предоплата: {reasons}</translation>
    </message>
    <message>
        <source>{handle} (banned)</source>
        <translation>{handle} (доступ закрыт)</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Queue</source>
        <translation>Очередь</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>Все открытые</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Мои</translation>
    </message>
    <message>
        <source>Unclaimed</source>
        <translation>Свободные</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Просроченные</translation>
    </message>
    <message>
        <source>Which requests to show</source>
        <translation>Какие обращения показывать</translation>
    </message>
    <message>
        <source>Any open status</source>
        <translation>Любой открытый статус</translation>
    </message>
    <message>
        <source>Only requests in this status</source>
        <translation>Только обращения в этом статусе</translation>
    </message>
    <message>
        <source>Phone, email, @handle</source>
        <translation>Телефон, эл. почта, @псевдоним</translation>
    </message>
    <message>
        <source>Find a client by the start of a phone number, email or messenger handle (Ctrl+F)</source>
        <translation>Найти клиента по началу номера телефона, адреса почты или псевдонима в мессенджере (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Next request</source>
        <translation>&amp;Следующее обращение</translation>
    </message>
    <message>
        <source>&amp;Take request</source>
        <translation>&amp;Взять обращение</translation>
    </message>
    <message>
        <source>&amp;Release request</source>
        <translation>В&amp;ернуть обращение в очередь</translation>
    </message>
    <message>
        <source>&amp;Search the queue</source>
        <translation>&amp;Поиск по очереди</translation>
    </message>
    <message>
        <source>Re&amp;fresh the queue</source>
        <translation>&amp;Обновить очередь</translation>
    </message>
    <message>
        <source>{action} ({keys})</source>
        <translation>{action} ({keys})</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>No requests match</source>
        <translation>Подходящих обращений нет</translation>
    </message>
    <message>
        <source>The queue is empty</source>
        <translation>Очередь пуста</translation>
    </message>
    <message>
        <source>The queue could not be read. Press F5 to try again.</source>
        <translation>Не удалось загрузить очередь. Нажмите F5, чтобы повторить.</translation>
    </message>
    <message>
        <source>No unclaimed request is waiting.</source>
        <translation>Свободных обращений нет.</translation>
    </message>
    <message>
        <source>You took the request of {handle}.</source>
        <translation>Вы взяли обращение клиента {handle}.</translation>
    </message>
    <message>
        <source>Pick a request in the queue first.</source>
        <translation>Сначала выберите обращение в очереди.</translation>
    </message>
    <message>
        <source>You released the request of {handle}.</source>
        <translation>Вы вернули в очередь обращение клиента {handle}.</translation>
    </message>
</context>
<context>
    <name>ReadyAnswerPicker</name>
    <message>
        <source>Ready answer</source>
        <translation>Готовый ответ</translation>
    </message>
    <message>
        <source>Type a few letters of the answer…</source>
        <translation>Наберите несколько букв ответа…</translation>
    </message>
    <message>
        <source>&amp;Copy for the messenger</source>
        <translation>&amp;Скопировать для мессенджера</translation>
    </message>
    <message>
        <source>No answer matches.</source>
        <translation>Подходящих ответов нет.</translation>
    </message>
    <message>
        <source>The desk has nothing for {names} yet: fill it in the messenger before sending.</source>
        <translation>Для {names} у программы пока нет данных: допишите в мессенджере перед отправкой.</translation>
    </message>
</context>
<context>
    <name>ReadyAnswersEditor</name>
    <message>
        <source>&amp;New answer</source>
        <translation>&amp;Новый ответ</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Убрать из списка</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Текст:</translation>
    </message>
    <message>
        <source>The desk fills: {names}</source>
        <translation>Программа подставляет: {names}</translation>
    </message>
    <message>
        <source>{title} (withdrawn)</source>
        <translation>{title} (убран)</translation>
    </message>
    <message>
        <source>&amp;Bring back</source>
        <translation>&amp;Вернуть в список</translation>
    </message>
    <message>
        <source>Ready answer saved.</source>
        <translation>Готовый ответ сохранён.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>why, in a few words (required)</source>
        <translation>почему — в двух словах (обязательно)</translation>
    </message>
    <message>
        <source>why, in a few words (optional)</source>
        <translation>почему — в двух словах (необязательно)</translation>
    </message>
    <message>
        <source>Required: type it in one line.</source>
        <translation>Обязательно: напишите одной строкой.</translation>
    </message>
</context>
<context>
    <name>RecordPaymentDialog</name>
    <message>
        <source>Record payment — request #{id}</source>
        <translation>Запись платежа — обращение №{id}</translation>
    </message>
    <message>
        <source>optional, e.g. the transfer&apos;s short id</source>
        <translation>необязательно, например короткий номер перевода</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>Сумма:</translation>
    </message>
    <message>
        <source>Date received:</source>
        <translation>Дата поступления:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Вид:</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Способ:</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Номер операции:</translation>
    </message>
    <message>
        <source>Never type card numbers or bank details here.</source>
        <translation>Никогда не вводите здесь номера карт и банковские реквизиты.</translation>
    </message>
    <message>
        <source>Enter the amount received, e.g. 1 234,50.</source>
        <translation>Введите полученную сумму, например 1 234,50.</translation>
    </message>
    <message>
        <source>The agreed total would be exceeded: tick &quot;record anyway&quot; if the client really paid this much, or correct the amount.</source>
        <translation>Сумма превысит согласованную: отметьте «всё равно записать», если клиент действительно заплатил столько, или исправьте сумму.</translation>
    </message>
    <message>
        <source>Overpaid by {amount} — record anyway?</source>
        <translation>Переплата {amount} — всё равно записать?</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Queue by status (now)</source>
        <translation>Очередь по статусам (сейчас)</translation>
    </message>
    <message>
        <source>Requests closed as done, per user</source>
        <translation>Выполненные обращения по пользователям</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Диаграммы</translation>
    </message>
    <message>
        <source>Per user</source>
        <translation>По пользователям</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Эта неделя</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Этот месяц</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Другой период</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Показать</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Выгрузить в CSV…</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Период:</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Показатели</translation>
    </message>
    <message>
        <source>Open requests past their deadline (now):</source>
        <translation>Открытые обращения с истёкшим сроком (сейчас):</translation>
    </message>
    <message>
        <source>Open requests (now):</source>
        <translation>Открытые обращения (сейчас):</translation>
    </message>
    <message>
        <source>Median time from first contact to registration:</source>
        <translation>Медианное время от первого обращения до регистрации:</translation>
    </message>
    <message>
        <source>Clients registered in the period:</source>
        <translation>Клиентов зарегистрировано за период:</translation>
    </message>
    <message>
        <source>Ban proposals made in the period:</source>
        <translation>Предложений о блокировке за период:</translation>
    </message>
    <message>
        <source>Estimates agreed:</source>
        <translation>Согласовано смет:</translation>
    </message>
    <message>
        <source>Money paid (advances and final):</source>
        <translation>Оплачено (авансы и окончательные платежи):</translation>
    </message>
    <message>
        <source>Advances forfeited by bans:</source>
        <translation>Авансов удержано из-за блокировок:</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Подсчитываем…</translation>
    </message>
    <message>
        <source>{first} – {last}</source>
        <translation>{first} – {last}</translation>
    </message>
    <message numerus="yes">
        <source>%n in all</source>
        <translation>
            <numerusform>всего %n</numerusform>
            <numerusform>всего %n</numerusform>
            <numerusform>всего %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n estimate(s) for {money}</source>
        <translation>
            <numerusform>%n смета на {money}</numerusform>
            <numerusform>%n сметы на {money}</numerusform>
            <numerusform>%n смет на {money}</numerusform>
        </translation>
    </message>
    <message>
        <source>No requests yet.</source>
        <translation>Обращений пока нет.</translation>
    </message>
    <message>
        <source>No request was closed in the period.</source>
        <translation>За период не выполнено ни одного обращения.</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>Выгрузка отчёта</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>The report is exported to {file}.</source>
        <translation>Отчёт выгружен в {file}.</translation>
    </message>
</context>
<context>
    <name>RequestLifeBar</name>
    <message>
        <source>Start &amp;work</source>
        <translation>Начать &amp;работу</translation>
    </message>
    <message>
        <source>W&amp;aiting for the client…</source>
        <translation>&amp;Ждём клиента…</translation>
    </message>
    <message>
        <source>&amp;Back to work</source>
        <translation>Вернуться к ра&amp;боте</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Готово</translation>
    </message>
    <message>
        <source>Cancel re&amp;quest…</source>
        <translation>О&amp;тменить обращение…</translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation>Открыть &amp;заново…</translation>
    </message>
    <message>
        <source>Start &amp;anyway…</source>
        <translation>Начать &amp;без аванса…</translation>
    </message>
    <message>
        <source>Start without the advance; the reason is recorded (supervisors)</source>
        <translation>Начать работу без аванса; причина записывается (только супервайзер)</translation>
    </message>
    <message>
        <source>{action} ({keys})</source>
        <translation>{action} ({keys})</translation>
    </message>
    <message>
        <source>Held by {holder} since {since}</source>
        <translation>Обращение держит {holder} с {since}</translation>
    </message>
    <message>
        <source>{held}: read only</source>
        <translation>{held}: только просмотр</translation>
    </message>
    <message>
        <source>Waiting for the client — request #{id}</source>
        <translation>Ждём клиента — обращение №{id}</translation>
    </message>
    <message>
        <source>What is awaited from the client (one line, e.g. &quot;reboot and confirm&quot;):</source>
        <translation>Чего ждём от клиента (одной строкой, например «перезагрузить и подтвердить»):</translation>
    </message>
    <message>
        <source>Cancel request #{id}</source>
        <translation>Отмена обращения №{id}</translation>
    </message>
    <message>
        <source>Why is the request cancelled? The reason is recorded.</source>
        <translation>Почему обращение отменяется? Причина будет записана.</translation>
    </message>
    <message>
        <source>Cancel the request</source>
        <translation>Отменить обращение</translation>
    </message>
    <message>
        <source>Reopen request #{id}</source>
        <translation>Открыть обращение №{id} заново</translation>
    </message>
    <message>
        <source>Why is the closed request ({status}) reopened? The reason is recorded.</source>
        <translation>Почему закрытое обращение ({status}) открывается заново? Причина будет записана.</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Открыть заново</translation>
    </message>
    <message>
        <source>Start request #{id} without the advance</source>
        <translation>Начать работу по обращению №{id} без аванса</translation>
    </message>
    <message>
        <source>Why does the work start before the advance is paid? The reason is recorded.</source>
        <translation>Почему работа начинается до оплаты аванса? Причина будет записана.</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>Начать работу</translation>
    </message>
</context>
<context>
    <name>RequestPanel</name>
    <message>
        <source>Re-agree…</source>
        <translation>Пересогласовать…</translation>
    </message>
    <message>
        <source>Move the deadline as agreed again with the client, with the reason</source>
        <translation>Перенести срок по новой договорённости с клиентом, с указанием причины</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <source>Correct the description</source>
        <translation>Исправить описание</translation>
    </message>
    <message>
        <source>&amp;Specification: the scope is fully clear</source>
        <translation>Техническое &amp;задание: объём работ полностью ясен</translation>
    </message>
    <message>
        <source>&amp;Offline work: without the client on the line</source>
        <translation>&amp;Работа без клиента на связи</translation>
    </message>
    <message>
        <source>On-site &amp;visit by a specialist</source>
        <translation>&amp;Выезд специалиста к клиенту</translation>
    </message>
    <message>
        <source>Visit address (kept on this request)</source>
        <translation>Адрес выезда (сохраняется в этом обращении)</translation>
    </message>
    <message>
        <source>Apply my ticks</source>
        <translation>Применить мои отметки</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>Срок:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Описание:</translation>
    </message>
    <message>
        <source>Money:</source>
        <translation>Оплата:</translation>
    </message>
    <message>
        <source>No request selected</source>
        <translation>Обращение не выбрано</translation>
    </message>
    <message>
        <source>Request #{id} · {channel} · {status}</source>
        <translation>Обращение №{id} · {channel} · {status}</translation>
    </message>
    <message>
        <source>no agreed estimate yet · paid {paid}</source>
        <translation>согласованной сметы пока нет · оплачено {paid}</translation>
    </message>
    <message>
        <source>agreed {agreed} · paid {paid} · due {due}</source>
        <translation>согласовано {agreed} · оплачено {paid} · к оплате {due}</translation>
    </message>
    <message>
        <source>Type the visit address; the visit is saved with it.</source>
        <translation>Укажите адрес выезда: выезд сохраняется вместе с ним.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохраняем…</translation>
    </message>
    <message>
        <source>Changed by {user} at {when} meanwhile: your ticks are kept; check them and press &quot;Apply my ticks&quot;.</source>
        <translation>Тем временем обращение изменил(а) {user} ({when}). Ваши отметки сохранены: проверьте их и нажмите «Применить мои отметки».</translation>
    </message>
</context>
<context>
    <name>SchemeIndicator</name>
    <message>
        <source>Payment scheme</source>
        <translation>Схема оплаты</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>No request selected.</source>
        <translation>Обращение не выбрано.</translation>
    </message>
    <message>
        <source>Payment scheme (saving…)</source>
        <translation>Схема оплаты (сохраняем…)</translation>
    </message>
    <message>
        <source>None of (a)–(d) applies: the client pays when the work is done.</source>
        <translation>Ни один из пунктов (a)–(d) не подходит: клиент платит по факту выполнения работы.</translation>
    </message>
</context>
<context>
    <name>SensitiveActionDialog</name>
    <message>
        <source>Sensitive action — {handle}</source>
        <translation>Чувствительное действие — {handle}</translation>
    </message>
    <message>
        <source>Only in cases agreed in advance may the client be asked for an in-app code or an SMS password, and only after warning them and explaining what will be done. Never type the code here: NIT Desk does not keep codes.</source>
        <translation>Просить у клиента код из приложения или пароль из СМС можно только в заранее согласованных случаях и только после того, как вы предупредили клиента и объяснили, что будет сделано. Никогда не вводите код здесь: NIT Desk не хранит коды.</translation>
    </message>
    <message>
        <source>Sensitive action for {handle}</source>
        <translation>Чувствительное действие для {handle}</translation>
    </message>
    <message>
        <source>e.g. registration on a cloud-backup service (extra-fee line)</source>
        <translation>например, регистрация в сервисе облачного резервного копирования (платная позиция)</translation>
    </message>
    <message>
        <source>what was explained to the client: what is done and why</source>
        <translation>что объяснили клиенту: что делается и зачем</translation>
    </message>
    <message>
        <source>The client was &amp;warned and it was explained what will be done</source>
        <translation>Клиент &amp;предупреждён, ему объяснили, что будет сделано</translation>
    </message>
    <message>
        <source>The client &amp;agreed</source>
        <translation>Клиент &amp;согласился</translation>
    </message>
    <message>
        <source>The client &amp;refused</source>
        <translation>Клиент &amp;отказался</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Записать</translation>
    </message>
    <message>
        <source>Ac&amp;tion:</source>
        <translation>&amp;Действие:</translation>
    </message>
    <message>
        <source>&amp;Explanation given:</source>
        <translation>&amp;Что объяснили:</translation>
    </message>
    <message>
        <source>Answer:</source>
        <translation>Ответ:</translation>
    </message>
    <message>
        <source>&amp;Propose ban…</source>
        <translation>Предложить &amp;блокировку…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>За&amp;крыть</translation>
    </message>
    <message>
        <source>Warn the client and explain what will be done first.</source>
        <translation>Сначала предупредите клиента и объясните, что будет сделано.</translation>
    </message>
    <message>
        <source>Recorded: {handle} refused &quot;{action}&quot;. Refusing a required action can be grounds for a ban: you may propose one to the supervisors.</source>
        <translation>Записано: {handle} отказался от действия «{action}». Отказ от обязательного действия может быть основанием для блокировки: вы можете предложить её супервайзерам.</translation>
    </message>
    <message>
        <source>Choose whether the client agreed.</source>
        <translation>Укажите, согласился ли клиент.</translation>
    </message>
</context>
<context>
    <name>SensitiveModel</name>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Warning and explanation</source>
        <translation>Предупреждение и объяснение</translation>
    </message>
    <message>
        <source>Client&apos;s answer</source>
        <translation>Ответ клиента</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Записал(а)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>согласился</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>отказался</translation>
    </message>
    <message>
        <source>No warning recorded</source>
        <translation>Предупреждение не записано</translation>
    </message>
    <message>
        <source>Warned and explained</source>
        <translation>Предупредили и объяснили</translation>
    </message>
    <message>
        <source>Warned, explained: {explanation}</source>
        <translation>Предупредили, объяснили: {explanation}</translation>
    </message>
</context>
<context>
    <name>ServiceDelegate</name>
    <message>
        <source>Service from the price list, or any text</source>
        <translation>Услуга из прайс-листа или произвольный текст</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Default: nit-desk.db in your data folder</source>
        <translation>По умолчанию: nit-desk.db в вашей папке данных</translation>
    </message>
    <message>
        <source>A SQLite file path for one desk, or a PostgreSQL URL such as postgresql://agent@server/nit for several. The password is asked for and kept in the system keyring, never here.</source>
        <translation>Путь к файлу SQLite для одного рабочего места или адрес PostgreSQL, например postgresql://agent@server/nit, для нескольких. Пароль запрашивается отдельно и хранится в системном хранилище паролей, а не здесь.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>PostgreSQL server…</source>
        <translation>Сервер PostgreSQL…</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>База данных:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Язык:</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Тема:</translation>
    </message>
    <message>
        <source>Changes take effect the next time NIT Desk starts.</source>
        <translation>Изменения вступят в силу при следующем запуске NIT Desk.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Клавиши</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Окно</translation>
    </message>
    <message>
        <source>Every dialog</source>
        <translation>Во всех диалогах</translation>
    </message>
    <message>
        <source>Save (from any field, multi-line ones too)</source>
        <translation>Сохранить (из любого поля, в том числе многострочного)</translation>
    </message>
    <message>
        <source>Open a drop-down list</source>
        <translation>Открыть раскрывающийся список</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>NIT Desk: sign in</source>
        <translation>NIT Desk: вход</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Create supervisor and sign in</source>
        <translation>Создать супервайзера и войти</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Открываем базу данных…</translation>
    </message>
    <message>
        <source>Database: {name}</source>
        <translation>База данных: {name}</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Имя пользователя:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the first supervisor: they will add the agents.</source>
        <translation>В этой базе данных ещё нет пользователей. Создайте первого супервайзера — он добавит операторов.</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>Повторите пароль:</translation>
    </message>
    <message>
        <source>NIT Desk</source>
        <translation>NIT Desk</translation>
    </message>
    <message>
        <source>Sign in to NIT Desk</source>
        <translation>Вход в NIT Desk</translation>
    </message>
    <message>
        <source>Welcome to NIT Desk</source>
        <translation>Добро пожаловать в NIT Desk</translation>
    </message>
    <message>
        <source>Type your user name and your password.</source>
        <translation>Введите имя пользователя и пароль.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Выполняем вход…</translation>
    </message>
    <message>
        <source>Choose a new password to start working.</source>
        <translation>Чтобы начать работу, придумайте новый пароль.</translation>
    </message>
    <message>
        <source>The two passwords differ; type them again.</source>
        <translation>Пароли не совпадают; введите их ещё раз.</translation>
    </message>
    <message>
        <source>Creating the supervisor…</source>
        <translation>Создаём супервайзера…</translation>
    </message>
</context>
<context>
    <name>SupervisorConsole</name>
    <message>
        <source>Ban review</source>
        <translation>Блокировки</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <source>Checklist template</source>
        <translation>Шаблон чек-листа</translation>
    </message>
    <message>
        <source>Ready answers</source>
        <translation>Готовые ответы</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <source>Price list</source>
        <translation>Прайс-лист</translation>
    </message>
    <message>
        <source>Ban review ({count})</source>
        <translation>Рассмотрение банов ({count})</translation>
    </message>
    <message numerus="yes">
        <source>A new ban proposal arrived: %n waiting for review.</source>
        <translation>
            <numerusform>Пришло новое предложение бана: ждёт рассмотрения %n.</numerusform>
            <numerusform>Пришло новое предложение бана: ждут рассмотрения %n.</numerusform>
            <numerusform>Пришло новое предложение бана: ждут рассмотрения %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <source>Double-click a step to rename it; drag steps or use Up and Down to reorder them. Saving makes a new version: clients already registering keep the version they started with.</source>
        <translation>Чтобы переименовать шаг, дважды щёлкните по нему; порядок шагов меняется перетаскиванием или кнопками «Вверх» и «Вниз». При сохранении создаётся новая версия: клиенты, которые уже проходят регистрацию, остаются на своей версии.</translation>
    </message>
    <message>
        <source>&amp;Add step</source>
        <translation>&amp;Добавить шаг</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>&amp;Вверх</translation>
    </message>
    <message>
        <source>&amp;Down</source>
        <translation>В&amp;низ</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Отменить изменения</translation>
    </message>
    <message>
        <source>&amp;Save as new version</source>
        <translation>&amp;Сохранить как новую версию</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Версии</translation>
    </message>
    <message>
        <source>Steps of the selected version:</source>
        <translation>Шаги выбранной версии:</translation>
    </message>
    <message>
        <source>Current version: {n}</source>
        <translation>Текущая версия: {n}</translation>
    </message>
    <message numerus="yes">
        <source>Version {n} — %n step(s), {required} required</source>
        <translation>
            <numerusform>Версия {n} — %n шаг, обязательных: {required}</numerusform>
            <numerusform>Версия {n} — %n шага, обязательных: {required}</numerusform>
            <numerusform>Версия {n} — %n шагов, обязательных: {required}</numerusform>
        </translation>
    </message>
    <message>
        <source>{when} by {who}</source>
        <translation>{when}, {who}</translation>
    </message>
    <message>
        <source>the program</source>
        <translation>программа</translation>
    </message>
    <message>
        <source>New step</source>
        <translation>Новый шаг</translation>
    </message>
    <message>
        <source>Saved as version {n}; clients already registering keep their version.</source>
        <translation>Сохранено как версия {n}; клиенты, которые уже проходят регистрацию, остаются на своей версии.</translation>
    </message>
    <message>
        <source>Current version: {n} (edited, not saved)</source>
        <translation>Текущая версия: {n} (изменена, не сохранена)</translation>
    </message>
    <message>
        <source>(optional)</source>
        <translation>(необязательный)</translation>
    </message>
</context>
<context>
    <name>TemplateStepsModel</name>
    <message>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Обязательный</translation>
    </message>
    <message>
        <source>Code: {code}</source>
        <translation>Код: {code}</translation>
    </message>
    <message>
        <source>New step: its code is made from the title when saved</source>
        <translation>Новый шаг: код будет составлен из названия при сохранении</translation>
    </message>
    <message>
        <source>required</source>
        <translation>обязательный</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>необязательный</translation>
    </message>
</context>
<context>
    <name>TimeCorrectionDialog</name>
    <message>
        <source>Correct the time worked</source>
        <translation>Исправление затраченного времени</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>Why the time is corrected</source>
        <translation>Почему время исправляется</translation>
    </message>
    <message>
        <source>Time worked, in total:</source>
        <translation>Всего затрачено:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <source>Required: say why the time is corrected.</source>
        <translation>Обязательно: укажите, почему время исправляется.</translation>
    </message>
</context>
<context>
    <name>TimelineTable</name>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
</context>
<context>
    <name>UsersAdmin</name>
    <message>
        <source>&amp;Add user…</source>
        <translation>&amp;Добавить пользователя…</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Отключить</translation>
    </message>
    <message>
        <source>Make &amp;supervisor</source>
        <translation>Сделать &amp;супервайзером</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>&amp;Сбросить пароль…</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Разблокировать</translation>
    </message>
    <message>
        <source>{name} is added as {role}; they choose their own password at the first sign-in.</source>
        <translation>Пользователь {name} добавлен с ролью «{role}»; собственный пароль он выберет при первом входе.</translation>
    </message>
    <message>
        <source>{name} has a temporary password and must change it at the next sign-in.</source>
        <translation>У пользователя {name} временный пароль: при следующем входе его нужно будет сменить.</translation>
    </message>
    <message>
        <source>{name} is active again.</source>
        <translation>Пользователь {name} снова активен.</translation>
    </message>
    <message>
        <source>{name} is deactivated and can no longer sign in.</source>
        <translation>Пользователь {name} отключён и больше не может войти.</translation>
    </message>
    <message>
        <source>{name} is now {role}.</source>
        <translation>Роль пользователя {name} теперь «{role}».</translation>
    </message>
    <message>
        <source>{name} is unlocked.</source>
        <translation>Пользователь {name} разблокирован.</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>&amp;Включить снова</translation>
    </message>
    <message>
        <source>Make &amp;agent</source>
        <translation>Сделать &amp;оператором</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Активен</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>Заблокирован до</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>Должен сменить пароль</translation>
    </message>
</context>
<context>
    <name>VersionHistory</name>
    <message>
        <source>v{number} · {status} · {total}
{stage}
{date}, {user}</source>
        <translation>версия {number} · {status} · {total}
{stage}
{date}, {user}</translation>
    </message>
    <message>
        <source>{stage}: v{number} agreed, {total} ({date})</source>
        <translation>{stage}: согласована версия {number}, {total} ({date})</translation>
    </message>
    <message>
        <source>{stage}: not agreed yet</source>
        <translation>{stage}: пока не согласовано</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Версии</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>Сравнить…</translation>
    </message>
    <message>
        <source>Compare any two versions side by side</source>
        <translation>Сравнить две любые версии рядом</translation>
    </message>
</context>
<context>
    <name>VoidPaymentDialog</name>
    <message>
        <source>Void payment — request #{id}</source>
        <translation>Аннулировать платёж — обращение №{id}</translation>
    </message>
    <message>
        <source>Void the {kind} of {amount} received on {day}? It stays in the list, struck through, and no longer counts as paid.</source>
        <translation>Аннулировать платёж «{kind}» на {amount}, полученный {day}? Он останется в списке, зачёркнутым, и больше не засчитывается в оплату.</translation>
    </message>
    <message>
        <source>e.g. typed the wrong amount</source>
        <translation>например: ошибся в сумме</translation>
    </message>
    <message>
        <source>Void payment</source>
        <translation>Аннулировать платёж</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <source>Say why the payment is voided.</source>
        <translation>Укажите, почему платёж аннулируется.</translation>
    </message>
</context>
<context>
    <name>WorkLogModel</name>
    <message>
        <source>Request created</source>
        <translation>Обращение создано</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Статус изменён</translation>
    </message>
    <message>
        <source>Payment recorded</source>
        <translation>Записан платёж</translation>
    </message>
    <message>
        <source>Payment voided</source>
        <translation>Платёж аннулирован</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>Смета</translation>
    </message>
    <message>
        <source>Sensitive action</source>
        <translation>Чувствительное действие</translation>
    </message>
    <message>
        <source>Deadline re-agreed</source>
        <translation>Срок согласован заново</translation>
    </message>
    <message>
        <source>Description edited</source>
        <translation>Описание исправлено</translation>
    </message>
    <message>
        <source>Time corrected</source>
        <translation>Время исправлено</translation>
    </message>
    <message>
        <source>Taken or released</source>
        <translation>Взята или возвращена в очередь</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>released to the queue</source>
        <translation>возвращена в очередь</translation>
    </message>
    <message>
        <source>taken for work</source>
        <translation>взята в работу</translation>
    </message>
    <message>
        <source>client agreed</source>
        <translation>клиент согласился</translation>
    </message>
    <message>
        <source>warned</source>
        <translation>предупреждён</translation>
    </message>
    <message>
        <source>action</source>
        <translation>действие</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>часы</translation>
    </message>
    <message>
        <source>time</source>
        <translation>время</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>сумма</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>вид</translation>
    </message>
    <message>
        <source>status</source>
        <translation>статус</translation>
    </message>
    <message>
        <source>{worked} of {estimate}</source>
        <translation>{worked} из {estimate}</translation>
    </message>
    <message>
        <source>version {number}</source>
        <translation>версия {number}</translation>
    </message>
    <message>
        <source>(started before the advance was paid)</source>
        <translation>(начата до оплаты аванса)</translation>
    </message>
    <message>
        <source>{h} h</source>
        <translation>{h} ч</translation>
    </message>
    <message>
        <source>{worked} worked (no agreed estimate)</source>
        <translation>затрачено {worked} (согласованной сметы нет)</translation>
    </message>
</context>
<context>
    <name>WorkLogPanel</name>
    <message>
        <source>Correct ti&amp;me…</source>
        <translation>Испр&amp;авить время…</translation>
    </message>
    <message>
        <source>A note for the work log (Ctrl+Enter adds it)</source>
        <translation>Заметка в журнал работ (Ctrl+Enter — добавить)</translation>
    </message>
    <message>
        <source>&amp;Add note</source>
        <translation>Добавить за&amp;метку</translation>
    </message>
    <message>
        <source>Add the note to the work log (Ctrl+Enter)</source>
        <translation>Добавить заметку в журнал работ (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Добавить заметку</translation>
    </message>
    <message>
        <source>Time worked: —</source>
        <translation>Затрачено: —</translation>
    </message>
    <message>
        <source>{time} · the timer runs</source>
        <translation>{time} · таймер идёт</translation>
    </message>
    <message>
        <source>Type the note first.</source>
        <translation>Сначала напишите заметку.</translation>
    </message>
    <message>
        <source>Time worked corrected.</source>
        <translation>Затраченное время исправлено.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>&lt;b&gt;NIT Desk&lt;/b&gt;</source>
        <translation>&lt;b&gt;NIT Desk&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Opening the database…
{target}</source>
        <translation>Открываем базу данных…
{target}</translation>
    </message>
    <message>
        <source>NIT Desk</source>
        <translation>NIT Desk</translation>
    </message>
    <message>
        <source>Could not connect to the database: {detail}</source>
        <translation>Не удалось подключиться к базе данных: {detail}</translation>
    </message>
    <message>
        <source>The database was restored from {backup}. The file it replaced is kept beside it.</source>
        <translation>База данных восстановлена из {backup}. Заменённый файл сохранён рядом.</translation>
    </message>
    <message>
        <source>The backup could not be restored: {detail}</source>
        <translation>Не удалось восстановить копию: {detail}</translation>
    </message>
    <message>
        <source>There is no backup of it on this computer. Ask your supervisor, or choose another database with &apos;nit-desk --db FILE&apos;.</source>
        <translation>Резервной копии этой базы на компьютере нет. Обратитесь к старшему смены или выберите другую базу: &apos;nit-desk --db ФАЙЛ&apos;.</translation>
    </message>
    <message>
        <source>The newest backup was taken on {date} ({path}). Restore it? The file as it is now is kept beside it.</source>
        <translation>Последняя резервная копия сделана {date} ({path}). Восстановить её? Файл в нынешнем виде сохранится рядом.</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>Восстановить копию</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>Ban proposal approved</source>
        <translation>Предложение о блокировке одобрено</translation>
    </message>
    <message>
        <source>Ban proposal rejected</source>
        <translation>Предложение о блокировке отклонено</translation>
    </message>
    <message>
        <source>Checklist template saved</source>
        <translation>Шаблон чек-листа сохранён</translation>
    </message>
    <message>
        <source>User added</source>
        <translation>Пользователь добавлен</translation>
    </message>
    <message>
        <source>User reactivated</source>
        <translation>Пользователь снова включён</translation>
    </message>
    <message>
        <source>User deactivated</source>
        <translation>Пользователь отключён</translation>
    </message>
    <message>
        <source>User&apos;s role changed</source>
        <translation>Роль пользователя изменена</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>Пароль сброшен</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Пароль изменён</translation>
    </message>
    <message>
        <source>Wrong current password when changing it</source>
        <translation>Неверный текущий пароль при его смене</translation>
    </message>
    <message>
        <source>Password hash upgraded to today&apos;s cost</source>
        <translation>Хеш пароля усилен до текущей стойкости</translation>
    </message>
    <message>
        <source>User unlocked</source>
        <translation>Пользователь разблокирован</translation>
    </message>
    <message>
        <source>Locked out after wrong passwords</source>
        <translation>Заблокирован после неверных паролей</translation>
    </message>
    <message>
        <source>Price list item added</source>
        <translation>Позиция прайс-листа добавлена</translation>
    </message>
    <message>
        <source>Price list item changed</source>
        <translation>Позиция прайс-листа изменена</translation>
    </message>
    <message>
        <source>Price list item offered again</source>
        <translation>Позиция прайс-листа снова в продаже</translation>
    </message>
    <message>
        <source>Price list item withdrawn</source>
        <translation>Позиция прайс-листа снята с продажи</translation>
    </message>
    <message>
        <source>Demo data loaded</source>
        <translation>Загружены демонстрационные данные</translation>
    </message>
</context>
<context>
    <name>card</name>
    <message>
        <source>&amp;Estimate</source>
        <translation>&amp;Смета</translation>
    </message>
    <message>
        <source>&amp;Payments</source>
        <translation>&amp;Платежи</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>Смета</translation>
    </message>
    <message>
        <source>Record payment…</source>
        <translation>Записать платёж…</translation>
    </message>
</context>
<context>
    <name>checklist</name>
    <message>
        <source>pending</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <source>done</source>
        <translation>выполнен</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>отказ</translation>
    </message>
    <message>
        <source>not applicable</source>
        <translation>неприменим</translation>
    </message>
</context>
<context>
    <name>console</name>
    <message>
        <source>supervisor</source>
        <translation>супервайзер</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>оператор</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
</context>
<context>
    <name>context</name>
    <message>
        <source>Your ban proposal for {handle} was approved by {user}.</source>
        <translation>{user} одобрил(а) ваше предложение забанить {handle}.</translation>
    </message>
    <message>
        <source>Your ban proposal for {handle} was rejected by {user}.</source>
        <translation>{user} отклонил(а) ваше предложение забанить {handle}.</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Причина: {reason}</translation>
    </message>
</context>
<context>
    <name>csv</name>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Время (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Object No.</source>
        <translation>№ объекта</translation>
    </message>
    <message>
        <source>Client No.</source>
        <translation>№ клиента</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Было</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Стало</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>Хеш</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Period start (UTC)</source>
        <translation>Начало периода (UTC)</translation>
    </message>
    <message>
        <source>Period end (UTC)</source>
        <translation>Конец периода (UTC)</translation>
    </message>
    <message>
        <source>Requests: new</source>
        <translation>Обращения: новые</translation>
    </message>
    <message>
        <source>Requests: in progress</source>
        <translation>Обращения: в работе</translation>
    </message>
    <message>
        <source>Requests: waiting for the client</source>
        <translation>Обращения: ждут клиента</translation>
    </message>
    <message>
        <source>Requests: done</source>
        <translation>Обращения: выполнены</translation>
    </message>
    <message>
        <source>Requests: cancelled</source>
        <translation>Обращения: отменены</translation>
    </message>
    <message>
        <source>Requests: cancelled by a ban</source>
        <translation>Обращения: отменены блокировкой</translation>
    </message>
    <message>
        <source>Open requests past their deadline</source>
        <translation>Открытые обращения с истёкшим сроком</translation>
    </message>
    <message>
        <source>Clients registered in the period</source>
        <translation>Клиентов зарегистрировано за период</translation>
    </message>
    <message>
        <source>Median registration time, hours</source>
        <translation>Медианное время регистрации, ч</translation>
    </message>
    <message>
        <source>Ban proposals: waiting</source>
        <translation>Предложения блокировки: ждут решения</translation>
    </message>
    <message>
        <source>Ban proposals: approved</source>
        <translation>Предложения блокировки: одобрены</translation>
    </message>
    <message>
        <source>Ban proposals: rejected</source>
        <translation>Предложения блокировки: отклонены</translation>
    </message>
    <message>
        <source>Estimates agreed</source>
        <translation>Согласовано смет</translation>
    </message>
    <message>
        <source>Agreed, ₽</source>
        <translation>Согласовано, ₽</translation>
    </message>
    <message>
        <source>Paid, ₽</source>
        <translation>Оплачено, ₽</translation>
    </message>
    <message>
        <source>Forfeited, ₽</source>
        <translation>Удержано, ₽</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Агент</translation>
    </message>
    <message>
        <source>Requests created</source>
        <translation>Создано обращений</translation>
    </message>
    <message>
        <source>Requests closed</source>
        <translation>Закрыто обращений</translation>
    </message>
    <message>
        <source>Holding now</source>
        <translation>В работе сейчас</translation>
    </message>
    <message>
        <source>Ban proposals</source>
        <translation>Предложений блокировки</translation>
    </message>
    <message>
        <source>Payments, ₽</source>
        <translation>Платежи, ₽</translation>
    </message>
</context>
<context>
    <name>dialog_keys</name>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Save ({keys})</source>
        <translation>Сохранить ({keys})</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>NIT Desk</source>
        <translation>NIT Desk</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <source>email</source>
        <translation>эл. почта</translation>
    </message>
    <message>
        <source>messenger</source>
        <translation>мессенджер</translation>
    </message>
    <message>
        <source>handle</source>
        <translation>псевдоним</translation>
    </message>
    <message>
        <source>system info</source>
        <translation>сведения о системе</translation>
    </message>
    <message>
        <source>description</source>
        <translation>описание</translation>
    </message>
    <message>
        <source>visit address</source>
        <translation>адрес выезда</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>комментарий</translation>
    </message>
    <message>
        <source>action</source>
        <translation>действие</translation>
    </message>
    <message>
        <source>explanation</source>
        <translation>объяснение</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>причина</translation>
    </message>
    <message>
        <source>override reason</source>
        <translation>причина исключения</translation>
    </message>
    <message>
        <source>awaited</source>
        <translation>что ожидается от клиента</translation>
    </message>
    <message>
        <source>text</source>
        <translation>текст заметки</translation>
    </message>
    <message>
        <source>title</source>
        <translation>название</translation>
    </message>
    <message>
        <source>note</source>
        <translation>заметка</translation>
    </message>
    <message>
        <source>method label</source>
        <translation>способ оплаты</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>номер операции</translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <source>action</source>
        <translation>действие</translation>
    </message>
    <message>
        <source>offered</source>
        <translation>предлагается</translation>
    </message>
    <message>
        <source>added</source>
        <translation>добавлено</translation>
    </message>
    <message>
        <source>advance reasons</source>
        <translation>основания предоплаты</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>сумма</translation>
    </message>
    <message>
        <source>what is awaited</source>
        <translation>что ожидается от клиента</translation>
    </message>
    <message>
        <source>ban</source>
        <translation>блокировка</translation>
    </message>
    <message>
        <source>banned</source>
        <translation>заблокирован</translation>
    </message>
    <message>
        <source>bans</source>
        <translation>блокировки</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>канал</translation>
    </message>
    <message>
        <source>checklist steps</source>
        <translation>шаги чек-листов</translation>
    </message>
    <message>
        <source>taken by</source>
        <translation>взял(а) в работу</translation>
    </message>
    <message>
        <source>client</source>
        <translation>клиент</translation>
    </message>
    <message>
        <source>client agreed</source>
        <translation>клиент согласился</translation>
    </message>
    <message>
        <source>clients</source>
        <translation>клиенты</translation>
    </message>
    <message>
        <source>step</source>
        <translation>шаг</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>комментарий</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>контакты</translation>
    </message>
    <message>
        <source>deadline</source>
        <translation>срок</translation>
    </message>
    <message>
        <source>description</source>
        <translation>описание</translation>
    </message>
    <message>
        <source>email</source>
        <translation>эл. почта</translation>
    </message>
    <message>
        <source>explanation</source>
        <translation>объяснение</translation>
    </message>
    <message>
        <source>extra fee</source>
        <translation>за доплату</translation>
    </message>
    <message>
        <source>first contact</source>
        <translation>первое обращение</translation>
    </message>
    <message>
        <source>handle</source>
        <translation>псевдоним</translation>
    </message>
    <message>
        <source>specification</source>
        <translation>техническое задание</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>вид</translation>
    </message>
    <message>
        <source>messenger</source>
        <translation>мессенджер</translation>
    </message>
    <message>
        <source>paid by</source>
        <translation>способ оплаты</translation>
    </message>
    <message>
        <source>time worked</source>
        <translation>затраченное время</translation>
    </message>
    <message>
        <source>name</source>
        <translation>название</translation>
    </message>
    <message>
        <source>note</source>
        <translation>заметка</translation>
    </message>
    <message>
        <source>version</source>
        <translation>версия</translation>
    </message>
    <message>
        <source>offline work</source>
        <translation>работа без клиента на связи</translation>
    </message>
    <message>
        <source>visit</source>
        <translation>выезд</translation>
    </message>
    <message>
        <source>override reason</source>
        <translation>причина исключения</translation>
    </message>
    <message>
        <source>paid on</source>
        <translation>дата оплаты</translation>
    </message>
    <message>
        <source>password</source>
        <translation>пароль</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>платёж</translation>
    </message>
    <message>
        <source>scheme</source>
        <translation>схема оплаты</translation>
    </message>
    <message>
        <source>payments</source>
        <translation>платежи</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <source>ban proposal</source>
        <translation>предложение о блокировке</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>количество</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>причина</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>номер операции</translation>
    </message>
    <message>
        <source>refused steps</source>
        <translation>шаги с отказом</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>зарегистрирован</translation>
    </message>
    <message>
        <source>request</source>
        <translation>обращение</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>обращения</translation>
    </message>
    <message>
        <source>role</source>
        <translation>роль</translation>
    </message>
    <message>
        <source>random seed</source>
        <translation>начальное число</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>этап</translation>
    </message>
    <message>
        <source>state</source>
        <translation>состояние</translation>
    </message>
    <message>
        <source>status</source>
        <translation>статус</translation>
    </message>
    <message>
        <source>system</source>
        <translation>система</translation>
    </message>
    <message>
        <source>checklist version</source>
        <translation>версия чек-листа</translation>
    </message>
    <message>
        <source>text</source>
        <translation>текст</translation>
    </message>
    <message>
        <source>title</source>
        <translation>название</translation>
    </message>
    <message>
        <source>total</source>
        <translation>итого</translation>
    </message>
    <message>
        <source>trusted</source>
        <translation>доверенное лицо</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>единица</translation>
    </message>
    <message>
        <source>unit price</source>
        <translation>цена за единицу</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>имя пользователя</translation>
    </message>
    <message>
        <source>via</source>
        <translation>способ</translation>
    </message>
    <message>
        <source>visit address</source>
        <translation>адрес выезда</translation>
    </message>
    <message>
        <source>reason for voiding</source>
        <translation>причина аннулирования</translation>
    </message>
    <message>
        <source>warned</source>
        <translation>предупреждён</translation>
    </message>
    <message>
        <source>why</source>
        <translation>почему</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Client created</source>
        <translation>Клиент создан</translation>
    </message>
    <message>
        <source>Client details changed</source>
        <translation>Данные клиента изменены</translation>
    </message>
    <message>
        <source>Contacts added</source>
        <translation>Добавлены контакты</translation>
    </message>
    <message>
        <source>Registration step changed</source>
        <translation>Изменён шаг регистрации</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Регистрация завершена</translation>
    </message>
    <message>
        <source>No longer registered</source>
        <translation>Регистрация больше не действует</translation>
    </message>
    <message>
        <source>Trusted persons list</source>
        <translation>Список доверенных лиц</translation>
    </message>
    <message>
        <source>Request created</source>
        <translation>Обращение создано</translation>
    </message>
    <message>
        <source>Request taken for work</source>
        <translation>Обращение взято в работу</translation>
    </message>
    <message>
        <source>Request released</source>
        <translation>Обращение возвращено в очередь</translation>
    </message>
    <message>
        <source>Request status changed</source>
        <translation>Изменён статус обращения</translation>
    </message>
    <message>
        <source>Payment-scheme flags changed</source>
        <translation>Изменены признаки схемы оплаты</translation>
    </message>
    <message>
        <source>Request cancelled by ban</source>
        <translation>Обращение отменено из-за блокировки</translation>
    </message>
    <message>
        <source>Estimate created</source>
        <translation>Смета создана</translation>
    </message>
    <message>
        <source>Estimate saved</source>
        <translation>Смета сохранена</translation>
    </message>
    <message>
        <source>Estimate proposed</source>
        <translation>Смета предложена клиенту</translation>
    </message>
    <message>
        <source>Estimate agreed</source>
        <translation>Смета согласована</translation>
    </message>
    <message>
        <source>Estimate rejected</source>
        <translation>Смета отклонена</translation>
    </message>
    <message>
        <source>Payment recorded</source>
        <translation>Записан платёж</translation>
    </message>
    <message>
        <source>Advance forfeited</source>
        <translation>Аванс удержан</translation>
    </message>
    <message>
        <source>Payment voided</source>
        <translation>Платёж аннулирован</translation>
    </message>
    <message>
        <source>Contact fixed</source>
        <translation>Контакт исправлен</translation>
    </message>
    <message>
        <source>Contact added</source>
        <translation>Контакт добавлен</translation>
    </message>
    <message>
        <source>Contact removed</source>
        <translation>Контакт удалён</translation>
    </message>
    <message>
        <source>Deadline re-agreed</source>
        <translation>Срок пересогласован</translation>
    </message>
    <message>
        <source>Description corrected</source>
        <translation>Описание исправлено</translation>
    </message>
    <message>
        <source>Time worked corrected</source>
        <translation>Исправлено время работы</translation>
    </message>
    <message>
        <source>Note added to the work log</source>
        <translation>Заметка в журнале работ</translation>
    </message>
    <message>
        <source>Sensitive action recorded</source>
        <translation>Записано чувствительное действие</translation>
    </message>
    <message>
        <source>Ban proposed</source>
        <translation>Предложена блокировка</translation>
    </message>
    <message>
        <source>Ban approved</source>
        <translation>Блокировка одобрена</translation>
    </message>
    <message>
        <source>Ban proposal rejected</source>
        <translation>Предложение о блокировке отклонено</translation>
    </message>
    <message>
        <source>Ban lifted</source>
        <translation>Блокировка снята</translation>
    </message>
    <message>
        <source>estimate</source>
        <translation>смета</translation>
    </message>
    <message>
        <source>sensitive action</source>
        <translation>чувствительное действие</translation>
    </message>
    <message>
        <source>user</source>
        <translation>пользователь</translation>
    </message>
    <message>
        <source>price list item</source>
        <translation>позиция прайс-листа</translation>
    </message>
    <message>
        <source>checklist</source>
        <translation>чек-лист</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>демо-данные</translation>
    </message>
    <message>
        <source>{what} No. {number}</source>
        <translation>{what} №{number}</translation>
    </message>
    <message>
        <source>sensitive action No. {number}</source>
        <translation>чувствительное действие №{number}</translation>
    </message>
    <message>
        <source>No. {number}</source>
        <translation>№{number}</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>The {label} field is empty.</source>
        <translation>Поле «{label}» не заполнено.</translation>
    </message>
    <message>
        <source>The {label} field is too long: at most {maximum} characters.</source>
        <translation>Поле «{label}» слишком длинное: не больше {maximum} символов.</translation>
    </message>
    <message>
        <source>The {label} field does not hold a valid phone number. Write a mobile number like +7 912 345-67-89 or 8 912 345-67-89.</source>
        <translation>В поле «{label}» неверный номер телефона. Укажите мобильный номер в виде +7 912 345-67-89 или 8 912 345-67-89.</translation>
    </message>
    <message>
        <source>The {label} field must hold a mobile number: the client is reached by SMS, which a landline or service number cannot receive.</source>
        <translation>В поле «{label}» нужен мобильный номер: клиенту отправляются СМС, а городской или служебный номер их не примет.</translation>
    </message>
    <message>
        <source>The {label} field does not hold a valid email address. Write it like name@example.ru.</source>
        <translation>В поле «{label}» неверный адрес электронной почты. Укажите его в виде name@example.ru.</translation>
    </message>
    <message>
        <source>The {label} field: a name on {network} has {minimum} to {maximum} characters, this one has {length}.</source>
        <translation>Поле «{label}»: имя в {network} должно содержать от {minimum} до {maximum} символов, а в этом {length}.</translation>
    </message>
    <message>
        <source>The {label} field does not hold an account on {network}. Write it like {example}.</source>
        <translation>В поле «{label}» указан не аккаунт {network}. Укажите его в виде {example}.</translation>
    </message>
    <message>
        <source>The {label} field does not hold an amount of money. Write it like 1 234,50 or 2100 ₽.</source>
        <translation>В поле «{label}» должна быть сумма. Укажите её в виде 1 234,50 или 2100 ₽.</translation>
    </message>
    <message>
        <source>The {label} field does not hold a quantity. Write it like 2 or 1,5.</source>
        <translation>В поле «{label}» должно быть количество. Укажите его в виде 2 или 1,5.</translation>
    </message>
    <message>
        <source>The {label} field has more than 2 digits after the decimal comma; amounts are exact to the kopeck.</source>
        <translation>В поле «{label}» больше двух знаков после запятой: суммы указываются с точностью до копейки.</translation>
    </message>
    <message>
        <source>The {label} is too large: at most {maximum}.</source>
        <translation>«{label}»: слишком большое значение, не больше {maximum}.</translation>
    </message>
    <message>
        <source>The {label} has more than 3 digits after the decimal comma.</source>
        <translation>«{label}»: больше трёх знаков после запятой.</translation>
    </message>
    <message>
        <source>The {label} must be more than zero.</source>
        <translation>«{label}»: значение должно быть больше нуля.</translation>
    </message>
    <message>
        <source>The {label} field is empty: enter a number.</source>
        <translation>Поле «{label}» не заполнено: введите число.</translation>
    </message>
    <message>
        <source>The {label} cannot be negative.</source>
        <translation>«{label}»: значение не может быть отрицательным.</translation>
    </message>
    <message>
        <source>first contact: no earlier request completed and paid</source>
        <translation>первое обращение: ранее нет выполненных и оплаченных обращений</translation>
    </message>
    <message>
        <source>the scope is fully clear: there is a specification</source>
        <translation>объём работ полностью ясен: есть техническое задание</translation>
    </message>
    <message>
        <source>the work is done offline, without the client on the line</source>
        <translation>работа выполняется без клиента на связи</translation>
    </message>
    <message>
        <source>a specialist visits the client&apos;s site</source>
        <translation>специалист выезжает к клиенту</translation>
    </message>
    <message>
        <source>not registered: not every required registration step is done</source>
        <translation>регистрация не завершена: пройдены не все обязательные шаги</translation>
    </message>
    <message>
        <source>the client is banned from support</source>
        <translation>клиенту закрыт доступ к поддержке</translation>
    </message>
    <message>
        <source>not trusted: the client is not on the trusted persons list</source>
        <translation>нет доверия: клиента нет в списке доверенных лиц</translation>
    </message>
    <message>
        <source>not paid: the current work has not been paid for</source>
        <translation>нет оплаты: текущая работа не оплачена</translation>
    </message>
    <message>
        <source>The {label} field contains what looks like a payment card number. Never type card numbers into NIT Desk: remove it and save again.</source>
        <translation>В поле «{label}», похоже, номер банковской карты. Никогда не вводите номера карт в NIT Desk: удалите его и сохраните снова.</translation>
    </message>
    <message>
        <source>The {label} field contains what looks like a one-time code or password. Never type codes or passwords into NIT Desk: remove it and save again.</source>
        <translation>В поле «{label}», похоже, одноразовый код или пароль. Никогда не вводите коды и пароли в NIT Desk: удалите его и сохраните снова.</translation>
    </message>
    <message>
        <source>The {label} field contains a broken character (U+{code}) at position {position}, left over from a bad copy and paste; remove it and type it again.</source>
        <translation>В поле «{label}» испорченный символ (U+{code}) на позиции {position} — остаток неудачного копирования; удалите его и наберите текст заново.</translation>
    </message>
    <message>
        <source>The {label} field must be text.</source>
        <translation>Поле «{label}» должно быть текстом.</translation>
    </message>
    <message>
        <source>The {label} must be a single line, without line breaks.</source>
        <translation>«{label}»: нужна одна строка, без переносов.</translation>
    </message>
    <message>
        <source>The {label} field contains an invisible control character (U+{code}) at position {position}; remove it.</source>
        <translation>В поле «{label}» есть невидимый управляющий символ (U+{code}) в позиции {position}; удалите его.</translation>
    </message>
    <message>
        <source>The {label} field is required: it must not be empty.</source>
        <translation>Поле «{label}» обязательное: заполните его.</translation>
    </message>
    <message>
        <source>The {label} field is too long: {length} characters, at most {max_length}.</source>
        <translation>Поле «{label}» слишком длинное: {length} симв., допускается не больше {max_length}.</translation>
    </message>
    <message>
        <source>entries are missing or were inserted before it</source>
        <translation>перед ней пропали или были вставлены записи</translation>
    </message>
    <message>
        <source>it does not follow the entry before it</source>
        <translation>она не продолжает предыдущую запись</translation>
    </message>
    <message>
        <source>its content was changed after it was written</source>
        <translation>её содержимое изменено после записи</translation>
    </message>
    <message>
        <source>The checklist needs at least one step.</source>
        <translation>В чек-листе должен быть хотя бы один шаг.</translation>
    </message>
    <message>
        <source>The checklist can have at most {n} steps.</source>
        <translation>В чек-листе может быть не больше {n} шагов.</translation>
    </message>
    <message>
        <source>The step &quot;{title}&quot; is in the list twice.</source>
        <translation>Шаг «{title}» встречается в списке дважды.</translation>
    </message>
    <message>
        <source>A step code is 1 to 48 lower-case Latin letters, digits or underscores, starting with a letter.</source>
        <translation>Код шага — от 1 до 48 строчных латинских букв, цифр или знаков подчёркивания; первой должна идти буква.</translation>
    </message>
    <message>
        <source>The step code {code} is used twice.</source>
        <translation>Код шага {code} использован дважды.</translation>
    </message>
    <message>
        <source>Your account is not active; sign in again.</source>
        <translation>Ваша учётная запись неактивна; войдите снова.</translation>
    </message>
    <message>
        <source>Only a supervisor may do this.</source>
        <translation>Это может сделать только супервайзер.</translation>
    </message>
    <message>
        <source>No such client.</source>
        <translation>Такого клиента нет.</translation>
    </message>
    <message>
        <source>Give at least one messenger account (VK, Odnoklassniki, Telegram, WhatsApp, MAX or Skype).</source>
        <translation>Укажите хотя бы один аккаунт в мессенджере или соцсети (ВКонтакте, Одноклассники, Telegram, WhatsApp, MAX или Skype).</translation>
    </message>
    <message>
        <source>At most {n} messenger accounts.</source>
        <translation>Не больше {n} аккаунтов в мессенджерах.</translation>
    </message>
    <message>
        <source>Choose the messenger network.</source>
        <translation>Выберите мессенджер или соцсеть.</translation>
    </message>
    <message>
        <source>These contacts belong to the client {handle} already: open that client instead.</source>
        <translation>Эти контакты уже принадлежат клиенту {handle}: откройте его карточку.</translation>
    </message>
    <message>
        <source>These contacts belong to {handle}, a client banned from support.</source>
        <translation>Эти контакты принадлежат клиенту {handle}, которому закрыт доступ к поддержке.</translation>
    </message>
    <message>
        <source>The client was changed by {user} at {at:%H:%M}; reload and apply your change again.</source>
        <translation>Карточку клиента изменил(а) {user} в {at:%H:%M}; обновите её и внесите своё изменение заново.</translation>
    </message>
    <message>
        <source>The search text is too long.</source>
        <translation>Слишком длинный текст для поиска.</translation>
    </message>
    <message>
        <source>Line {line}: the quantity is not an exact number.</source>
        <translation>Строка {line}: количество не является точным числом.</translation>
    </message>
    <message>
        <source>Line {line}: the quantity must be more than zero.</source>
        <translation>Строка {line}: количество должно быть больше нуля.</translation>
    </message>
    <message>
        <source>Line {line}: the quantity is too large: at most {maximum}.</source>
        <translation>Строка {line}: слишком большое количество, не больше {maximum}.</translation>
    </message>
    <message>
        <source>Line {line}: the quantity has more than 3 digits after the decimal comma.</source>
        <translation>Строка {line}: в количестве больше трёх знаков после запятой.</translation>
    </message>
    <message>
        <source>Line {line}: the unit price must be whole kopecks.</source>
        <translation>Строка {line}: цена за единицу должна быть в целых копейках.</translation>
    </message>
    <message>
        <source>Line {line}: the unit price must be from 0 to {maximum}.</source>
        <translation>Строка {line}: цена за единицу должна быть от 0 до {maximum}.</translation>
    </message>
    <message>
        <source>Line {line}: unknown unit.</source>
        <translation>Строка {line}: неизвестная единица измерения.</translation>
    </message>
    <message>
        <source>An estimate has at most {maximum} lines.</source>
        <translation>В смете может быть не больше {maximum} строк.</translation>
    </message>
    <message>
        <source>Line {line}: no such price-list item.</source>
        <translation>Строка {line}: такой позиции нет в прайс-листе.</translation>
    </message>
    <message>
        <source>The estimate total is too large: at most {maximum}.</source>
        <translation>Слишком большая сумма сметы: не больше {maximum}.</translation>
    </message>
    <message>
        <source>Unknown estimate stage.</source>
        <translation>Неизвестный этап сметы.</translation>
    </message>
    <message>
        <source>No such request.</source>
        <translation>Такого обращения нет.</translation>
    </message>
    <message>
        <source>No such estimate version.</source>
        <translation>Такой версии сметы нет.</translation>
    </message>
    <message>
        <source>The client is banned: no estimate can be made or changed.</source>
        <translation>Клиенту закрыт доступ к поддержке: смету нельзя составить или изменить.</translation>
    </message>
    <message>
        <source>The request is cancelled: no estimate can be made or changed.</source>
        <translation>Обращение отменено: смету нельзя составить или изменить.</translation>
    </message>
    <message>
        <source>Version {number} of this estimate is {status} and can no longer change; make a new version to change it.</source>
        <translation>Версия {number} этой сметы в статусе «{status}» и больше не меняется; чтобы внести изменения, создайте новую версию.</translation>
    </message>
    <message>
        <source>The version to copy belongs to another request.</source>
        <translation>Копируемая версия относится к другому обращению.</translation>
    </message>
    <message>
        <source>Version {number} of this estimate is still open: have it agreed or rejected before making a new one.</source>
        <translation>Версия {number} этой сметы ещё не закрыта: прежде чем создавать новую, согласуйте или отклоните её.</translation>
    </message>
    <message>
        <source>This estimate was changed by {user} at {time:%d.%m.%Y %H:%M}; reload it and apply your change again.</source>
        <translation>Эту смету изменил(а) {user} {time:%d.%m.%Y} в {time:%H:%M}; обновите её и внесите своё изменение заново.</translation>
    </message>
    <message>
        <source>Version {number} is a draft: propose it to the client first.</source>
        <translation>Версия {number} — черновик: сначала предложите её клиенту.</translation>
    </message>
    <message>
        <source>An estimate needs at least one line.</source>
        <translation>В смете должна быть хотя бы одна строка.</translation>
    </message>
    <message>
        <source>Only versions of the same request can be compared.</source>
        <translation>Сравнивать можно только версии одного обращения.</translation>
    </message>
    <message>
        <source>A PostgreSQL database is backed up with the server&apos;s own tool, pg_dump.</source>
        <translation>Резервная копия базы PostgreSQL делается средствами сервера — утилитой pg_dump.</translation>
    </message>
    <message>
        <source>There is no file at {path}.</source>
        <translation>Файла {path} нет.</translation>
    </message>
    <message>
        <source>{path} is not a sound NIT Desk database: {problem}</source>
        <translation>{path} — не исправная база NIT Desk: {problem}</translation>
    </message>
    <message>
        <source>{path} holds no database this program can use (schema {current}, this program knows up to {head}).</source>
        <translation>В {path} нет базы, с которой может работать эта программа (схема {current}, программа знает схемы до {head}).</translation>
    </message>
    <message>
        <source>The audit log in {path} was altered: {problem}</source>
        <translation>Журнал аудита в {path} был изменён: {problem}</translation>
    </message>
    <message>
        <source>{path} is the database itself; choose a backup to restore from.</source>
        <translation>{path} — это сама база данных; выберите резервную копию для восстановления.</translation>
    </message>
    <message>
        <source>The database file {path} is missing. This desk has worked with it before, so NIT Desk does not put an empty database in its place.</source>
        <translation>Файл базы данных {path} пропал. Это рабочее место уже работало с ним, поэтому NIT Desk не создаёт на его месте пустую базу.</translation>
    </message>
    <message>
        <source>The database file {path} is empty: none of this desk&apos;s data is left in it. NIT Desk does not start a new empty database over it.</source>
        <translation>Файл базы данных {path} пуст: данных этого рабочего места в нём не осталось. NIT Desk не создаёт поверх него новую пустую базу.</translation>
    </message>
    <message>
        <source>The file {path} is not a NIT Desk database ({detail}); another program may have written over it. NIT Desk leaves it as it is.</source>
        <translation>Файл {path} — не база NIT Desk ({detail}); возможно, его перезаписала другая программа. NIT Desk оставляет его как есть.</translation>
    </message>
    <message>
        <source>The database file {path} is damaged (SQLite reports: {detail}). NIT Desk does not write to a damaged file.</source>
        <translation>Файл базы данных {path} повреждён (SQLite сообщает: {detail}). NIT Desk не пишет в повреждённый файл.</translation>
    </message>
    <message>
        <source>{path} is the database itself or one of its working files; a backup there would destroy saved changes. Choose another file.</source>
        <translation>{path} — это сама база данных или один из её рабочих файлов; копия туда уничтожила бы сохранённые изменения. Выберите другой файл.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file.</source>
        <translation>{path} — это папка, а не файл.</translation>
    </message>
    <message>
        <source>{path} exists already; add --force to overwrite it.</source>
        <translation>{path} уже существует; чтобы перезаписать, добавьте --force.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>Папки {folder} не существует.</translation>
    </message>
    <message>
        <source>The backup was not written: the copy failed its check ({problem}).</source>
        <translation>Резервная копия не записана: копия не прошла проверку ({problem}).</translation>
    </message>
    <message>
        <source>The backup cannot overwrite the database itself.</source>
        <translation>Резервная копия не может перезаписать саму базу данных.</translation>
    </message>
    <message>
        <source>Advance scheme: do not start work before the advance is paid</source>
        <translation>Работа по предоплате: не начинайте, пока аванс не оплачен</translation>
    </message>
    <message>
        <source>The client is banned: no work is done, nothing is refunded</source>
        <translation>Клиенту закрыт доступ к поддержке: работы не ведутся, деньги не возвращаются</translation>
    </message>
    <message>
        <source>The request is cancelled: no work is done</source>
        <translation>Обращение отменено: работы не ведутся</translation>
    </message>
    <message>
        <source>Only an advance or a final payment can be recorded here.</source>
        <translation>Здесь можно записать только аванс или окончательный платёж.</translation>
    </message>
    <message>
        <source>The {label} must be a date.</source>
        <translation>«{label}»: нужна дата.</translation>
    </message>
    <message>
        <source>The {label} date is in the future: record a payment once it is received.</source>
        <translation>«{label}»: дата в будущем. Записывайте платёж после того, как он поступил.</translation>
    </message>
    <message>
        <source>The {label} contains {n} or more digits in a row, which may be a card or bank account number. Never type card or bank data into NIT Desk.</source>
        <translation>В поле «{label}» {n} или больше цифр подряд — возможно, это номер карты или банковского счёта. Никогда не вводите в NIT Desk данные карт и счетов.</translation>
    </message>
    <message>
        <source>The client is banned: no payment can be recorded for this request.</source>
        <translation>Клиенту закрыт доступ к поддержке: платёж по этому обращению записать нельзя.</translation>
    </message>
    <message>
        <source>The request is cancelled: no payment can be recorded for it.</source>
        <translation>Обращение отменено: платёж по нему записать нельзя.</translation>
    </message>
    <message>
        <source>This request is paid on completion: there is no advance.</source>
        <translation>Это обращение оплачивается по факту выполнения: аванса нет.</translation>
    </message>
    <message>
        <source>This request is paid on completion: record the payment once the work is done.</source>
        <translation>Это обращение оплачивается по факту выполнения: запишите платёж, когда работа будет сделана.</translation>
    </message>
    <message>
        <source>No such payment.</source>
        <translation>Такого платежа нет.</translation>
    </message>
    <message>
        <source>This payment was voided already on {at:%d.%m.%Y %H:%M}.</source>
        <translation>Этот платёж уже аннулирован {at:%d.%m.%Y %H:%M}.</translation>
    </message>
    <message>
        <source>A forfeited advance is recorded by a ban and cannot be voided.</source>
        <translation>Удержанный аванс записывается при бане и не может быть аннулирован.</translation>
    </message>
    <message>
        <source>The request was cancelled by a ban: its payments stay as they are.</source>
        <translation>Обращение отменено из-за бана: его платежи остаются без изменений.</translation>
    </message>
    <message>
        <source>The {label} must be whole kopecks.</source>
        <translation>«{label}»: сумма должна быть в целых копейках.</translation>
    </message>
    <message>
        <source>The {label} is not a known unit.</source>
        <translation>«{label}»: неизвестная единица измерения.</translation>
    </message>
    <message>
        <source>The price list has a service named {name} already.</source>
        <translation>В прайс-листе уже есть услуга «{name}».</translation>
    </message>
    <message>
        <source>No such price-list item.</source>
        <translation>Такой позиции в прайс-листе нет.</translation>
    </message>
    <message>
        <source>The request is closed ({status}).</source>
        <translation>Обращение закрыто ({status}).</translation>
    </message>
    <message>
        <source>The request is held by {holder} since {since:%H:%M}.</source>
        <translation>Обращение с {since:%H:%M} ведёт {holder}.</translation>
    </message>
    <message>
        <source>Take the request for work first.</source>
        <translation>Сначала возьмите обращение в работу.</translation>
    </message>
    <message>
        <source>Unknown request status.</source>
        <translation>Неизвестный статус обращения.</translation>
    </message>
    <message>
        <source>The request was changed by {user} at {at:%H:%M}; reload and apply your change again.</source>
        <translation>Обращение изменил(а) {user} в {at:%H:%M}; обновите его и внесите своё изменение заново.</translation>
    </message>
    <message>
        <source>Bad page key.</source>
        <translation>Неверный ключ страницы.</translation>
    </message>
    <message>
        <source>The period must end after it starts.</source>
        <translation>Конец периода должен быть позже его начала.</translation>
    </message>
    <message>
        <source>No database given.</source>
        <translation>База данных не указана.</translation>
    </message>
    <message>
        <source>Database URL is not valid: {detail}</source>
        <translation>Неверный адрес базы данных: {detail}</translation>
    </message>
    <message>
        <source>Only SQLite files and PostgreSQL URLs are supported, not {backend}.</source>
        <translation>Поддерживаются только файлы SQLite и адреса PostgreSQL, а не {backend}.</translation>
    </message>
    <message>
        <source>The database {path} is on a network share, where SQLite can lose data. For shared use, connect every workstation to a PostgreSQL server.</source>
        <translation>База данных {path} лежит в сетевой папке, где SQLite может потерять данные. Для совместной работы подключите все рабочие места к серверу PostgreSQL.</translation>
    </message>
    <message>
        <source>The database was written by a newer NIT Desk (schema {current}); this program knows schemas up to {head}. Install the newer program.</source>
        <translation>База данных создана более новой версией NIT Desk (схема {current}); эта программа знает схемы только до {head}. Установите новую версию программы.</translation>
    </message>
    <message>
        <source>Connected to PostgreSQL {version}. The database is ready for this program.</source>
        <translation>Подключение к PostgreSQL {version} установлено. База данных готова к работе с этой программой.</translation>
    </message>
    <message>
        <source>The database address is not valid: {detail}</source>
        <translation>Неверный адрес базы данных: {detail}</translation>
    </message>
    <message>
        <source>The server {host}:{port} cannot be reached. Check the host name and port, that the server is running, and that no firewall blocks this computer.</source>
        <translation>Сервер {host}:{port} недоступен. Проверьте имя сервера и порт, что сервер запущен и что брандмауэр не блокирует этот компьютер.</translation>
    </message>
    <message>
        <source>The server asks for the password of user {user}. Enter it.</source>
        <translation>Сервер запрашивает пароль пользователя {user}. Введите его.</translation>
    </message>
    <message>
        <source>The server refused the password of user {user}. Check the password.</source>
        <translation>Сервер не принял пароль пользователя {user}. Проверьте пароль.</translation>
    </message>
    <message>
        <source>The server does not let user {user} in: the user may not exist, or the server does not allow connections from this computer (pg_hba.conf).</source>
        <translation>Сервер не пускает пользователя {user}: возможно, такого пользователя нет или сервер не разрешает подключения с этого компьютера (pg_hba.conf).</translation>
    </message>
    <message>
        <source>The server has no database named {database}. Check the name, or ask the administrator to create it.</source>
        <translation>На сервере нет базы данных {database}. Проверьте название или попросите администратора создать её.</translation>
    </message>
    <message>
        <source>The server is starting, stopping or has no free connections. Try again in a minute.</source>
        <translation>Сервер запускается, останавливается или у него нет свободных подключений. Попробуйте ещё раз через минуту.</translation>
    </message>
    <message>
        <source>The database {database} has no NIT Desk tables yet. Run &apos;nit-desk db upgrade&apos; once to create them.</source>
        <translation>В базе данных {database} ещё нет таблиц NIT Desk. Один раз выполните «nit-desk db upgrade», чтобы создать их.</translation>
    </message>
    <message>
        <source>The database schema is older than this program ({current} &lt; {head}). Run &apos;nit-desk db upgrade&apos; first.</source>
        <translation>Схема базы данных старше этой программы ({current} &lt; {head}). Сначала выполните «nit-desk db upgrade».</translation>
    </message>
    <message>
        <source>The database was written by a newer NIT Desk (schema {current}). Install the newer program on this computer.</source>
        <translation>База данных создана более новой версией NIT Desk (схема {current}). Установите новую версию программы на этот компьютер.</translation>
    </message>
    <message>
        <source>The connection failed: {detail}</source>
        <translation>Не удалось подключиться: {detail}</translation>
    </message>
    <message>
        <source>Someone else changed this meanwhile; reload and apply your change again.</source>
        <translation>Пока вы работали, это изменил кто-то другой; обновите данные и внесите своё изменение заново.</translation>
    </message>
    <message>
        <source>This would duplicate something that exists already, or refers to something that is gone.</source>
        <translation>Это повторяет уже существующую запись или ссылается на удалённую.</translation>
    </message>
    <message>
        <source>A user name is 2 to 32 letters, digits, dots, dashes or underscores, without spaces.</source>
        <translation>Имя пользователя — от 2 до 32 букв, цифр, точек, дефисов или знаков подчёркивания, без пробелов.</translation>
    </message>
    <message>
        <source>A password of spaces only is not a password: use letters, digits or signs.</source>
        <translation>Пароль из одних пробелов — не пароль: используйте буквы, цифры или знаки.</translation>
    </message>
    <message>
        <source>The password must have at least {n} characters.</source>
        <translation>Пароль должен быть не короче {n} символов.</translation>
    </message>
    <message>
        <source>The password is too long (256 characters at most).</source>
        <translation>Пароль слишком длинный (не больше 256 символов).</translation>
    </message>
    <message>
        <source>The password must differ from the user name.</source>
        <translation>Пароль не должен совпадать с именем пользователя.</translation>
    </message>
    <message>
        <source>Users exist already; ask a supervisor to add your account.</source>
        <translation>Пользователи уже созданы; попросите супервайзера добавить вашу учётную запись.</translation>
    </message>
    <message>
        <source>The user name {name} is taken.</source>
        <translation>Имя пользователя {name} уже занято.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Неверное имя пользователя или пароль.</translation>
    </message>
    <message>
        <source>Too many wrong passwords: the account is locked until {until:%H:%M}. A supervisor can unlock it.</source>
        <translation>Слишком много неверных паролей: учётная запись заблокирована до {until:%H:%M}. Разблокировать её может супервайзер.</translation>
    </message>
    <message>
        <source>This account is deactivated.</source>
        <translation>Эта учётная запись отключена.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>Текущий пароль указан неверно.</translation>
    </message>
    <message>
        <source>No such user.</source>
        <translation>Такого пользователя нет.</translation>
    </message>
    <message>
        <source>You cannot deactivate yourself.</source>
        <translation>Нельзя отключить собственную учётную запись.</translation>
    </message>
    <message>
        <source>The last active supervisor cannot be deactivated.</source>
        <translation>Нельзя отключить последнего активного супервайзера.</translation>
    </message>
    <message>
        <source>The last active supervisor cannot be demoted.</source>
        <translation>Последнего активного супервайзера нельзя перевести в операторы.</translation>
    </message>
    <message>
        <source>Choose the messenger the request came through.</source>
        <translation>Выберите мессенджер, через который поступило обращение.</translation>
    </message>
    <message>
        <source>Skype closed in May 2025: no request comes in through it any more. Choose the messenger the client wrote from.</source>
        <translation>Skype закрыт в мае 2025 года: обращения через него больше не приходят. Выберите мессенджер, из которого написал клиент.</translation>
    </message>
    <message>
        <source>Give the agreed deadline as a date and time.</source>
        <translation>Укажите согласованный срок: дату и время.</translation>
    </message>
    <message>
        <source>The deadline {deadline:%d.%m.%Y %H:%M} is in the past: agree a deadline in the future.</source>
        <translation>Срок {deadline:%d.%m.%Y %H:%M} уже прошёл: согласуйте срок в будущем.</translation>
    </message>
    <message>
        <source>The deadline is more than a year away.</source>
        <translation>Срок больше чем через год.</translation>
    </message>
    <message>
        <source>The client {handle} is banned from support.</source>
        <translation>Клиенту {handle} закрыт доступ к поддержке.</translation>
    </message>
    <message>
        <source>{handle} is banned already.</source>
        <translation>Клиенту {handle} доступ к поддержке уже закрыт.</translation>
    </message>
    <message>
        <source>A ban of {handle} is already waiting for a supervisor.</source>
        <translation>Предложение закрыть доступ клиенту {handle} уже ждёт решения супервайзера.</translation>
    </message>
    <message>
        <source>Name the step or steps the client refused.</source>
        <translation>Укажите, от какого шага или шагов отказался клиент.</translation>
    </message>
    <message>
        <source>The client&apos;s checklist has no step {code}.</source>
        <translation>В чек-листе клиента нет шага {code}.</translation>
    </message>
    <message>
        <source>No such ban proposal.</source>
        <translation>Такого предложения о блокировке нет.</translation>
    </message>
    <message>
        <source>This proposal was {status} already.</source>
        <translation>Это предложение уже рассмотрено: {status}.</translation>
    </message>
    <message>
        <source>{handle} is not banned.</source>
        <translation>Клиенту {handle} доступ к поддержке не закрыт.</translation>
    </message>
    <message>
        <source>This database is in use already; demo data goes into a new one.</source>
        <translation>Эта база данных уже используется; демонстрационные данные загружаются только в новую.</translation>
    </message>
    <message>
        <source>The client {handle} is banned: the checklist cannot change.</source>
        <translation>Клиенту {handle} закрыт доступ к поддержке: чек-лист изменить нельзя.</translation>
    </message>
    <message>
        <source>Unknown step state.</source>
        <translation>Неизвестное состояние шага.</translation>
    </message>
    <message>
        <source>Warn the client and explain what will be done before asking for a code.</source>
        <translation>Прежде чем просить код, предупредите клиента и объясните, что будет сделано.</translation>
    </message>
    <message>
        <source>The request belongs to another client.</source>
        <translation>Это обращение относится к другому клиенту.</translation>
    </message>
    <message>
        <source>{handle} cannot be added to the trusted persons list: {reasons}.</source>
        <translation>Клиента {handle} нельзя добавить в список доверенных лиц: {reasons}.</translation>
    </message>
    <message>
        <source>No client has a handle, phone, email or account starting with {text}.</source>
        <translation>Нет клиента, у которого псевдоним, телефон, почта или аккаунт начинаются с {text}.</translation>
    </message>
    <message>
        <source>Several clients match {text}: type more of it, or the client&apos;s number.</source>
        <translation>Под {text} подходят несколько клиентов: введите больше символов или номер клиента.</translation>
    </message>
    <message>
        <source>The {label} field contains what looks like a person&apos;s full name. NIT Desk never keeps who a client really is: use the client&apos;s handle, remove the name and save again.</source>
        <translation>В поле «{label}», похоже, указаны фамилия, имя и отчество. NIT Desk не хранит, кто клиент на самом деле: называйте клиента по его нику, удалите имя и сохраните снова.</translation>
    </message>
    <message>
        <source>The {label} field contains what looks like a passport or SNILS number. Never type identity documents into NIT Desk: remove it and save again.</source>
        <translation>В поле «{label}», похоже, указан номер паспорта или СНИЛС. Никогда не вводите в NIT Desk данные документов: удалите их и сохраните снова.</translation>
    </message>
    <message>
        <source>The client has this contact already.</source>
        <translation>У клиента уже есть этот контакт.</translation>
    </message>
    <message>
        <source>This is the client&apos;s only phone number, and a client keeps one: fix it instead of removing it.</source>
        <translation>Это единственный номер телефона клиента, а он должен быть: исправьте его вместо удаления.</translation>
    </message>
    <message>
        <source>This is the client&apos;s only email address, and a client keeps one: fix it instead of removing it.</source>
        <translation>Это единственный адрес электронной почты клиента, а он должен быть: исправьте его вместо удаления.</translation>
    </message>
    <message>
        <source>This is the client&apos;s only messenger account, and a client keeps one: fix it instead of removing it.</source>
        <translation>Это единственный аккаунт клиента в мессенджере, а он должен быть: исправьте его вместо удаления.</translation>
    </message>
    <message>
        <source>The client {handle} is banned: their contacts stay as they are, so that intake still recognises them.</source>
        <translation>Клиенту {handle} закрыт доступ к поддержке: его контакты не меняются, чтобы при приёме обращений его по-прежнему узнавали.</translation>
    </message>
    <message>
        <source>The client has no such contact.</source>
        <translation>У клиента нет такого контакта.</translation>
    </message>
    <message>
        <source>Choose a phone, an email or a messenger account.</source>
        <translation>Выберите телефон, электронную почту или аккаунт в мессенджере.</translation>
    </message>
    <message>
        <source>This contact was just given to another client; reload the card.</source>
        <translation>Этот контакт только что получил другой клиент; обновите карточку.</translation>
    </message>
    <message>
        <source>The request is done: only a supervisor can reopen it, with a reason.</source>
        <translation>Обращение выполнено: вновь открыть его может только супервайзер, указав причину.</translation>
    </message>
    <message>
        <source>The request is cancelled: only a supervisor can reopen it, with a reason.</source>
        <translation>Обращение отменено: вновь открыть его может только супервайзер, указав причину.</translation>
    </message>
    <message>
        <source>The request was cancelled by a ban: only a supervisor can reopen it, once the ban is lifted.</source>
        <translation>Обращение отменено из-за бана: вновь открыть его может только супервайзер, после снятия бана.</translation>
    </message>
    <message>
        <source>Work on this request is in progress already.</source>
        <translation>Работа по этому обращению уже идёт.</translation>
    </message>
    <message>
        <source>A request waiting for the client cannot be started: choose &quot;back to work&quot; when the client writes back.</source>
        <translation>Обращение ждёт клиента, начать работу нельзя: выберите «Вернуться к работе», когда клиент ответит.</translation>
    </message>
    <message>
        <source>Work on this request has not started: start work before waiting for the client.</source>
        <translation>Работа по обращению ещё не начата: начните работу, прежде чем ждать клиента.</translation>
    </message>
    <message>
        <source>The request is waiting for the client already.</source>
        <translation>Обращение уже ждёт клиента.</translation>
    </message>
    <message>
        <source>Work on this request has not started: choose &quot;start work&quot;.</source>
        <translation>Работа по обращению ещё не начата: выберите «Начать работу».</translation>
    </message>
    <message>
        <source>The request is not waiting for the client: work on it is in progress.</source>
        <translation>Обращение не ждёт клиента: работа по нему идёт.</translation>
    </message>
    <message>
        <source>A new request cannot be marked done: start work on it first.</source>
        <translation>Новое обращение нельзя отметить выполненным: сначала начните работу по нему.</translation>
    </message>
    <message>
        <source>A request waiting for the client cannot be marked done: go back to work first.</source>
        <translation>Обращение, которое ждёт клиента, нельзя отметить выполненным: сначала вернитесь к работе.</translation>
    </message>
    <message>
        <source>The request is open: only a closed request can be reopened.</source>
        <translation>Обращение открыто: вновь открыть можно только закрытое обращение.</translation>
    </message>
    <message>
        <source>The client is banned: a request cancelled by the ban cannot be reopened while the ban lasts.</source>
        <translation>Клиент забанен: обращение, отменённое из-за бана, нельзя открыть вновь, пока бан действует.</translation>
    </message>
    <message>
        <source>The advance of {amount} is not paid yet: work on this request cannot start.</source>
        <translation>Аванс {amount} ещё не оплачен: работу по этому обращению начинать нельзя.</translation>
    </message>
    <message>
        <source>No estimate is agreed yet: agree it and take the advance before work on this request starts.</source>
        <translation>Смета ещё не согласована: согласуйте её и получите аванс, прежде чем начинать работу по обращению.</translation>
    </message>
    <message>
        <source>Only a supervisor may start work before the advance is paid.</source>
        <translation>Начать работу до оплаты аванса может только супервайзер.</translation>
    </message>
    <message>
        <source>Give the time worked in whole minutes, from 0 to {maximum}.</source>
        <translation>Укажите затраченное время в целых минутах, от 0 до {maximum}.</translation>
    </message>
    <message>
        <source>The text uses {placeholder}, which the desk cannot fill. Known placeholders: {known}.</source>
        <translation>В тексте есть {placeholder}, его программа заполнить не может. Известные подстановки: {known}.</translation>
    </message>
    <message>
        <source>The text has a brace that opens or closes no placeholder, at character {position}. Write placeholders like {example}.</source>
        <translation>В тексте фигурная скобка вне подстановки, символ {position}. Подстановки пишутся так: {example}.</translation>
    </message>
    <message>
        <source>A ready answer titled {title} exists already.</source>
        <translation>Готовый ответ с названием «{title}» уже есть.</translation>
    </message>
    <message>
        <source>No such ready answer.</source>
        <translation>Такого готового ответа нет.</translation>
    </message>
    <message>
        <source>Not saved: the connection to the server was lost — try again.</source>
        <translation>Не сохранено: связь с сервером потеряна — попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The connection to the server was lost and could not be restored; try again in a moment.</source>
        <translation>Связь с сервером потеряна и не восстановилась; попробуйте ещё раз через минуту.</translation>
    </message>
</context>
<context>
    <name>money</name>
    <message>
        <source>after registration</source>
        <translation>после регистрации</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>час</translation>
    </message>
    <message>
        <source>piece</source>
        <translation>шт.</translation>
    </message>
    <message>
        <source>visit</source>
        <translation>выезд</translation>
    </message>
    <message>
        <source>service</source>
        <translation>услуга</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <source>proposed</source>
        <translation>предложена</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>согласована</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>отклонена</translation>
    </message>
    <message>
        <source>first contact</source>
        <translation>первое обращение</translation>
    </message>
    <message>
        <source>advance</source>
        <translation>аванс</translation>
    </message>
    <message>
        <source>final payment</source>
        <translation>окончательный платёж</translation>
    </message>
    <message>
        <source>forfeited advance</source>
        <translation>удержанный аванс</translation>
    </message>
</context>
<context>
    <name>ready_answers</name>
    <message>
        <source>the client&apos;s handle</source>
        <translation>ник клиента</translation>
    </message>
    <message>
        <source>the request&apos;s number</source>
        <translation>номер обращения</translation>
    </message>
    <message>
        <source>what the request is about</source>
        <translation>о чём обращение</translation>
    </message>
    <message>
        <source>the agreed deadline</source>
        <translation>согласованный срок</translation>
    </message>
    <message>
        <source>the payment scheme in words</source>
        <translation>схема оплаты словами</translation>
    </message>
    <message>
        <source>why the advance applies (R14)</source>
        <translation>почему оплата авансом</translation>
    </message>
    <message>
        <source>the agreed estimate&apos;s total</source>
        <translation>итог согласованной сметы</translation>
    </message>
    <message>
        <source>the advance to pay</source>
        <translation>аванс к оплате</translation>
    </message>
    <message>
        <source>the money paid so far</source>
        <translation>сколько уже оплачено</translation>
    </message>
    <message>
        <source>what is still due</source>
        <translation>сколько осталось оплатить</translation>
    </message>
    <message>
        <source>the client&apos;s phone</source>
        <translation>телефон клиента</translation>
    </message>
    <message>
        <source>the client&apos;s email</source>
        <translation>почта клиента</translation>
    </message>
    <message>
        <source>payment on completion of the work</source>
        <translation>оплата по факту сделанных работ</translation>
    </message>
    <message>
        <source>you contact us for the first time</source>
        <translation>вы обращаетесь впервые</translation>
    </message>
    <message>
        <source>the scope of work is fully clear (there is a specification)</source>
        <translation>объём работ полностью ясен (есть техническое задание)</translation>
    </message>
    <message>
        <source>the work is done without you on the line (offline work)</source>
        <translation>работы выполняются без вас на линии (оффлайн работы)</translation>
    </message>
    <message>
        <source>a specialist visits your site</source>
        <translation>специалист выезжает к вам</translation>
    </message>
    <message>
        <source>advance payment</source>
        <translation>авансовая оплата</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>waiting</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>одобрено</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>отклонено</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} мин</translation>
    </message>
    <message>
        <source>{d} d {h} h</source>
        <translation>{d} д {h} ч</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} ч {m} мин</translation>
    </message>
</context>
<context>
    <name>request</name>
    <message>
        <source>new</source>
        <translation>новая</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>в работе</translation>
    </message>
    <message>
        <source>waiting for the client</source>
        <translation>ждёт клиента</translation>
    </message>
    <message>
        <source>done</source>
        <translation>выполнена</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменена</translation>
    </message>
    <message>
        <source>cancelled by ban</source>
        <translation>отменена из-за блокировки</translation>
    </message>
    <message>
        <source>in {span}</source>
        <translation>через {span}</translation>
    </message>
    <message>
        <source>{d} d {h} h</source>
        <translation>{d} д {h} ч</translation>
    </message>
    <message>
        <source>overdue by {span}</source>
        <translation>просрочено на {span}</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} ч {m} мин</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} мин</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>agent</source>
        <translation>оператор</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>супервайзер</translation>
    </message>
</context>
<context>
    <name>scheme</name>
    <message>
        <source>ADVANCE</source>
        <translation>ПРЕДОПЛАТА</translation>
    </message>
    <message>
        <source>ON COMPLETION</source>
        <translation>ПО ФАКТУ</translation>
    </message>
</context>
</TS>
