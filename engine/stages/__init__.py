"""Stages: the transforms a file passes through on its way to the target."""

from engine.stages.base import FileContext, Option, Stage, StageSpec
from engine.stages.registry import available, build, plugin_problems

__all__ = ["FileContext", "Option", "Stage", "StageSpec", "available", "build", "plugin_problems"]
