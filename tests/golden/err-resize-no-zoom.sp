# resize-pane only zooms: without -Z it says so.
new-pane
resize-pane
