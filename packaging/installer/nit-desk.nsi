; NIT Desk installer (NSIS 3, Unicode). Per machine, silent-capable, upgrades in place.
;
; Build (Windows or Linux makensis; see docs/windows-build.md):
;   makensis /DVERSION=0.1.0 /DVERSION_QUAD=0.1.0.0 /DPAYLOAD=%CD%\dist\nit-desk ^
;            /DOUTFILE=%CD%\dist\NIT-Desk-Setup-0.1.0.exe packaging\installer\nit-desk.nsi
;   (the two versions: python packaging/version_info.py and ... --quad)
;
; Defines:
;   VERSION       required: nit_desk.__version__ (shown in Add/Remove Programs)
;   VERSION_QUAD  the same as four numbers for the file properties (default VERSION.0)
;   PAYLOAD       the one-folder program built by packaging/nit-desk.spec (default ../../dist/nit-desk)
;   OUTFILE       the installer to write (default ../../dist/NIT-Desk-Setup-VERSION.exe)
;
; Silent use by IT (exit code 0 = done, 1 = cancelled, 2 = failed):
;   NIT-Desk-Setup.exe /S [/DESKTOP=0|1] [/D=C:\Program Files\NIT Desk]
;   "C:\Program Files\NIT Desk\uninstall.exe" /S [/REMOVEDATA=1]
;
; What is kept: the user's database, logs (%LOCALAPPDATA%\NIT\NIT Desk) and settings
; (HKCU\Software\NIT\NIT Desk) are never touched by an install or upgrade; the
; uninstaller removes them only when asked (checkbox, or /REMOVEDATA=1).

; Compile-time paths are joined with SEP (Windows makensis: "\", Linux makensis: "/");
; relative ones are relative to this folder (makensis changes into it), so pass absolute
; PAYLOAD/OUTFILE paths.
!ifdef NSIS_WIN32_MAKENSIS
  !define SEP "\"
!else
  !define SEP "/"
!endif

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!define PRODUCT "NIT Desk"
!define PUBLISHER "NIT"
!define EXE "nit-desk.exe"
!define CLI_EXE "nit-desk-cli.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\NIT Desk"
!define PRODUCT_KEY "Software\NIT\NIT Desk"
!define DATA_SUBDIR "NIT\NIT Desk"
!define ICON "..${SEP}..${SEP}resources${SEP}icons${SEP}nit-desk.ico"

!ifndef VERSION
  !error "VERSION is not defined: pass /DVERSION=x.y.z (python packaging/version_info.py)"
!endif
!ifndef VERSION_QUAD
  !define VERSION_QUAD "${VERSION}.0"
!endif
!ifndef PAYLOAD
  !define PAYLOAD "..${SEP}..${SEP}dist${SEP}nit-desk"
!endif
!ifndef OUTFILE
  !define OUTFILE "..${SEP}..${SEP}dist${SEP}NIT-Desk-Setup-${VERSION}.exe"
!endif

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"
!include "Sections.nsh"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${PRODUCT}"
InstallDirRegKey HKLM "${PRODUCT_KEY}" "InstallDir"
RequestExecutionLevel admin
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=1033 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${PRODUCT} ${VERSION} Setup"
VIAddVersionKey /LANG=1033 "LegalCopyright" "© ${PUBLISHER}"

; -- pages ---------------------------------------------------------------------------------

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_REGISTRY_ROOT HKLM
!define MUI_LANGDLL_REGISTRY_KEY "${PRODUCT_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Russian"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString SecProgramName ${LANG_ENGLISH} "NIT Desk (required)"
LangString SecProgramName ${LANG_RUSSIAN} "NIT Desk (обязательно)"
LangString SecDesktopName ${LANG_ENGLISH} "Desktop shortcut"
LangString SecDesktopName ${LANG_RUSSIAN} "Ярлык на рабочем столе"
LangString UnSecProgramName ${LANG_ENGLISH} "NIT Desk program"
LangString UnSecProgramName ${LANG_RUSSIAN} "Программа NIT Desk"
LangString UnSecDataName ${LANG_ENGLISH} "Also delete the database, settings and logs of every user on this computer"
LangString UnSecDataName ${LANG_RUSSIAN} "Удалить также базу данных, настройки и журналы всех пользователей этого компьютера"
LangString Need64Bit ${LANG_ENGLISH} "NIT Desk needs 64-bit Windows 10 or newer."
LangString Need64Bit ${LANG_RUSSIAN} "Для NIT Desk нужна 64-разрядная Windows 10 или новее."
LangString StillRunning ${LANG_ENGLISH} "NIT Desk is running. Close it on this computer (every user), then press Retry."
LangString StillRunning ${LANG_RUSSIAN} "NIT Desk запущен. Закройте его на этом компьютере (у всех пользователей) и нажмите «Повтор»."
LangString ShortcutComment ${LANG_ENGLISH} "The workstation of NIT's call centre"
LangString ShortcutComment ${LANG_RUSSIAN} "Рабочее место оператора колл-центра NIT"

; -- helpers -----------------------------------------------------------------------------

Var WantDesktop  ; "1" or "0": whether the desktop shortcut is wanted

; Wait until no NIT Desk is running from $INSTDIR: a running .exe cannot be opened for
; writing. Interactive: Retry/Cancel; silent: exit code 2 at once (the program is running).
!macro CheckNotRunning FILE
  ${If} ${FileExists} "${FILE}"
    ClearErrors
    FileOpen $R8 "${FILE}" a
    ${If} ${Errors}
      StrCpy $R9 "running"
    ${Else}
      FileClose $R8
    ${EndIf}
  ${EndIf}
!macroend

!macro WaitUntilClosed
  ${Do}
    StrCpy $R9 ""
    !insertmacro CheckNotRunning "$INSTDIR\${EXE}"
    !insertmacro CheckNotRunning "$INSTDIR\${CLI_EXE}"
    ${If} $R9 == ""
      ${Break}
    ${EndIf}
    ${IfNot} ${Cmd} `MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDCANCEL IDRETRY`
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${Loop}
!macroend

; The program files only (never the user's data): used by upgrades and the uninstaller.
!macro RemoveProgramFiles
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
!macroend

; -- install -------------------------------------------------------------------------------

Section "$(SecProgramName)" SecProgram
  SectionIn RO
  SetShellVarContext all
  SetRegView 64
  SetOutPath "$INSTDIR"
  !insertmacro WaitUntilClosed
  ; an upgrade replaces the whole bundle so no stale module of the old version is left
  !insertmacro RemoveProgramFiles
  File /r "${PAYLOAD}${SEP}*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 \
    SW_SHOWNORMAL "" "$(ShortcutComment)"

  WriteRegStr HKLM "${PRODUCT_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${PRODUCT_KEY}" "Version" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecDesktopName)" SecDesktop
  SetShellVarContext all
  SetRegView 64
  CreateShortCut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 \
    SW_SHOWNORMAL "" "$(ShortcutComment)"
SectionEnd

Section "-remember choices"
  SetRegView 64
  ${If} ${SectionIsSelected} ${SecDesktop}
    WriteRegDWORD HKLM "${PRODUCT_KEY}" "DesktopShortcut" 1
  ${Else}
    SetShellVarContext all
    Delete "$DESKTOP\${PRODUCT}.lnk"  ; an upgrade that drops the shortcut removes the old one
    WriteRegDWORD HKLM "${PRODUCT_KEY}" "DesktopShortcut" 0
  ${EndIf}
SectionEnd

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(Need64Bit)" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  SetRegView 64
  ; an upgrade goes where the previous version is, whatever the default
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} ${FileExists} "$0\${EXE}"
    StrCpy $INSTDIR $0
  ${EndIf}
  ; the desktop shortcut: /DESKTOP=0|1, else the previous install's choice, else yes
  StrCpy $WantDesktop "1"
  ReadRegDWORD $0 HKLM "${PRODUCT_KEY}" "DesktopShortcut"
  ${If} $0 == "0"
    StrCpy $WantDesktop "0"
  ${EndIf}
  ${GetParameters} $1
  ClearErrors
  ${GetOptions} $1 "/DESKTOP=" $2
  ${IfNot} ${Errors}
    StrCpy $WantDesktop $2
  ${EndIf}
  ${If} $WantDesktop == "0"
    !insertmacro UnselectSection ${SecDesktop}
  ${Else}
    !insertmacro SelectSection ${SecDesktop}
  ${EndIf}
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

; -- uninstall ---------------------------------------------------------------------------

Section "un.$(UnSecProgramName)" UnSecProgram
  SectionIn RO
  SetShellVarContext all
  SetRegView 64
  !insertmacro WaitUntilClosed
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  !insertmacro RemoveProgramFiles
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: never delete what someone else put there
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "${PRODUCT_KEY}"
  DeleteRegKey /ifempty HKLM "Software\NIT"
SectionEnd

Section /o "un.$(UnSecDataName)" UnSecData
  ; the running user's data and settings
  SetShellVarContext current
  RMDir /r "$LOCALAPPDATA\${DATA_SUBDIR}"
  RMDir "$LOCALAPPDATA\NIT"
  DeleteRegKey HKCU "${PRODUCT_KEY}"
  DeleteRegKey /ifempty HKCU "Software\NIT"
  ; every other profile's data folder (their settings live in their own registry hives,
  ; which Windows loads only when they sign in; NIT Desk recreates defaults if needed)
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList" "ProfilesDirectory"
  ExpandEnvStrings $0 $0
  ${If} $0 != ""
    FindFirst $1 $2 "$0\*"
    ${DoWhile} $2 != ""
      ${If} $2 != "."
      ${AndIf} $2 != ".."
      ${AndIf} ${FileExists} "$0\$2\AppData\Local\${DATA_SUBDIR}\*"
        RMDir /r "$0\$2\AppData\Local\${DATA_SUBDIR}"
        RMDir "$0\$2\AppData\Local\NIT"
      ${EndIf}
      FindNext $1 $2
    ${Loop}
    FindClose $1
  ${EndIf}
SectionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MUI_UNGETLANGUAGE
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/REMOVEDATA=" $1
  ${IfNot} ${Errors}
  ${AndIf} $1 == "1"
    !insertmacro SelectSection ${UnSecData}
  ${EndIf}
FunctionEnd
