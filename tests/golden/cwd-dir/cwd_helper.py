# Imported by cmd-new-pane-cwd-env.sp from a pane started in this directory.
WHERE = 'cwd-dir'
