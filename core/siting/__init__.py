"""可布设区域 (engine) and 避让调整 (avoid: the exact remainder; proposal: a hole-free boundary to hand back)."""
