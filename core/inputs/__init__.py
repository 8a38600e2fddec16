"""What the user's layers are: field detection by candidate names (field_names), the field map of the review's facts
(field_map) and the layer roles (roles: 生态保护红线, 开采规划区块 …)."""
