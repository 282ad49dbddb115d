"""Stage 3, rendering: the protected tree becomes page content (HTML with Jinja), hand-written pages get their facts."""
