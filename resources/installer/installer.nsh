; Included by electron-builder's NSIS installer (electron-builder.ts, nsis.include).
; Maillage installs for the current user only, in %LOCALAPPDATA%\Programs\Maillage (or the folder the user
; chooses): no page offers « all users », which needs administrator rights. IT departments that want a
; per-machine installation use the MSI (docs/deploiement.md).
!macro customInstallMode
  StrCpy $isForceCurrentInstall "1"
!macroend
