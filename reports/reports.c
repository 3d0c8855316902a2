/* placeholder until the module lands */
typedef int mi_placeholder_reports;
