<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AuditViewer</name>
    <message numerus="yes">
        <source>Intact: %n entries</source>
        <translation>
            <numerusform>Intact: %n entry</numerusform>
            <numerusform>Intact: %n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries exported to {file}.</source>
        <translation>
            <numerusform>%n entry exported to {file}.</numerusform>
            <numerusform>%n entries exported to {file}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown</source>
        <translation>
            <numerusform>%n entry shown</numerusform>
            <numerusform>%n entries shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BanReview</name>
    <message numerus="yes">
        <source>Approving now: %n open request(s) cancelled, {money} forfeited.</source>
        <translation>
            <numerusform>Approving now: %n open request cancelled, {money} forfeited.</numerusform>
            <numerusform>Approving now: %n open requests cancelled, {money} forfeited.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{handle} is banned: %n open request(s) cancelled, {money} forfeited.</source>
        <translation>
            <numerusform>{handle} is banned: %n open request cancelled, {money} forfeited.</numerusform>
            <numerusform>{handle} is banned: %n open requests cancelled, {money} forfeited.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message numerus="yes">
        <source>%n of {total} required steps done</source>
        <translation>
            <numerusform>%n of {total} required steps done</numerusform>
            <numerusform>%n of {total} required steps done</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message numerus="yes">
        <source>%n in all</source>
        <translation>
            <numerusform>%n in all</numerusform>
            <numerusform>%n in all</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n estimate(s) for {money}</source>
        <translation>
            <numerusform>%n estimate for {money}</numerusform>
            <numerusform>%n estimates for {money}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SupervisorConsole</name>
    <message numerus="yes">
        <source>A new ban proposal arrived: %n waiting for review.</source>
        <translation>
            <numerusform>A new ban proposal arrived: %n waiting for review.</numerusform>
            <numerusform>A new ban proposal arrived: %n waiting for review.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message numerus="yes">
        <source>Version {n} — %n step(s), {required} required</source>
        <translation>
            <numerusform>Version {n} — %n step, {required} required</numerusform>
            <numerusform>Version {n} — %n steps, {required} required</numerusform>
        </translation>
    </message>
</context>
</TS>
