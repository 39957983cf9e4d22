# An error inside a sourced file names that file and its line.
source-file err-source-missing.inc
