"""The shared innovation roadmap: themes, milestones and what the network attached to them."""
