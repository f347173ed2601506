"""What a region can do: interventions, monitoring, alarms, policy, collaboration, action plans.

Modules:

* ``interventions`` — fact-checking, prebunking, account measures, community leaders, nudges.
* ``monitoring`` — where to place the early-detection team's "ears" (greedy, CELF).
* ``alarms`` — EWMA/CUSUM alarms on report streams and their evaluation.
* ``policy`` — the budget-split policy sandbox.
* ``collaboration`` — multi-stakeholder coordination.
* ``stakeholders`` — the stakeholder map participants draw, and who brokers in it.
* ``action_plan`` — the capstone regional action plan: profile, menu, simulation (the export is
  :mod:`simulations.course.action_plan`).
"""
