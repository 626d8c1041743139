; Inno Setup script for Mieruka（見える化） — Windows installer for the manager's PC.
;
; Build (on Windows, from the repository root):
;   uv run --group build python packaging\build.py     -> dist\Mieruka\ (Mieruka.exe, mieruka-cli.exe)
;   iscc packaging\mieruka.iss                          -> dist\Mieruka-<version>-setup.exe
;
; Per-user install: no administrator rights, no server. Program files go to
; %LOCALAPPDATA%\Programs\Mieruka; the user's data (database, backups) lives apart in
; %LOCALAPPDATA%\Mieruka (platformdirs) and is never touched by install, update or uninstall.
; The version is read from Mieruka.exe's version resource, which the PyInstaller spec fills in from
; pyproject.toml; `iscc /DAppVersion=1.2.3 …` overrides it.

#define AppName "Mieruka"
#define AppDisplayName "Mieruka（見える化）"
#define BundleDir "..\dist\Mieruka"
#define AppExe "Mieruka.exe"
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(AddBackslash(SourcePath) + AddBackslash(BundleDir) + AppExe)
#endif
#if AppVersion == ""
  #error "dist\Mieruka\Mieruka.exe not found or without version: run packaging\build.py first"
#endif

[Setup]
; AppId identifies the installation for updates and uninstall: never change it.
AppId={{F118C9FF-775B-456E-8235-ACA1DC668DE3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppDisplayName} {#AppVersion}
AppPublisher=Mieruka
VersionInfoVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\{#AppName}
DisableDirPage=yes
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=Mieruka-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppDisplayName}
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
japanese.DataKept=Mieruka を削除しました。%n%nデータ（データベースとバックアップ）は次のフォルダーに残っています。不要になったら手動で削除してください。%n%n%1
english.DataKept=Mieruka has been removed.%n%nYour data (database and backups) is kept in the folder below. Delete it yourself when you no longer need it.%n%n%1

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole runtime: leftover Qt plugins or modules of an older version must
; not be loaded by the new one. (User data is not under {app}.)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppDisplayName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{userdesktop}\{#AppDisplayName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppDisplayName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may have written next to its files; never {localappdata}\Mieruka.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
  begin
    DataDir := ExpandConstant('{localappdata}\{#AppName}');
    if DirExists(DataDir) then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
