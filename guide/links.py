"""How entries name each other: one table, and the maps the model and the pages derive from it."""

# What an action can serve: kind -> (the action's field naming entries of that kind, the field
# of that kind's statements that a self-assessment rates).
SERVED = {"dimension": ("dimensions", "leader_actions"),
          "plc-characteristic": ("plc_characteristics", "indicators"),
          "attendance-factor": ("attendance_factors", "leaders_do")}

# The field in which an action names the entries of each kind it serves.
SERVES = {kind: field for kind, (field, _) in SERVED.items()}
# The field that holds the statements of each kind an assessment can rate.
STATEMENTS = {kind: statements for kind, (_, statements) in SERVED.items()}
# Where a published entry names other entries: kind -> [(path to the value or list, kind named)],
# "*" standing for every item of a list.
REFERENCES = {"action": [(("area",), "area")] + [((field,), kind)
                                                   for kind, field in SERVES.items()],
              "dimension": [(("capabilities", "*", "capability"), "capability")]}
