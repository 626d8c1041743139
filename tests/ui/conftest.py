"""Fixtures for the widget tests: a company with a department (with a mission) and a member."""

from __future__ import annotations

import pytest

from domain import services
from domain.model import Department, Member


@pytest.fixture
def department(uow_factory, company) -> Department:
    return services.add_department(
        uow_factory(),
        name="総務部",
        mission="社員が本業に集中できる環境を整え、会社の信頼を守る",
    )


@pytest.fixture
def member(uow_factory, department) -> Member:
    return services.add_member(
        uow_factory(), Member(0, "1001", "山田 太郎", department.id, "課長", "G3")
    )
