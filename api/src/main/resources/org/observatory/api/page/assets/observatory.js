// Enhancements only: every page reads and works without this script.
"use strict";
