"""Recognition: contribution points, levels and badges computed from the activity records, and
honours coordinators award by hand (the handbook's plaques and pins)."""
