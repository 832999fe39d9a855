<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
    <name>counts</name>
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
</TS>
