from seva.directory.access import Action, access_can, access_units
from seva.directory.services import unit_set_active


def test_hq_operator_reaches_every_unit(world):
    assert access_can(world.hq_operator, Action.FORWARD, world.agra)
    assert access_can(world.hq_operator, Action.FORWARD, world.hazratganj)


def test_district_officer_reaches_own_subtree_only(world):
    assert access_can(world.lucknow_officer, Action.ACT, world.hazratganj)
    assert not access_can(world.lucknow_officer, Action.VIEW, world.agra)
    assert set(access_units(world.lucknow_officer)) == {world.lucknow, world.hazratganj}


def test_auditor_reads_but_never_acts(world):
    assert access_can(world.auditor, Action.VIEW, world.lucknow)
    assert not access_can(world.auditor, Action.ACT, world.lucknow)


def test_deactivated_person_and_unit_have_no_reach(world):
    world.agra_officer.is_active = False
    world.agra_officer.save()
    assert not access_can(world.agra_officer, Action.VIEW, world.agra)
    unit_set_active(unit=world.lucknow, is_active=False)
    fresh = type(world.lucknow_officer).objects.get(pk=world.lucknow_officer.pk)
    assert not access_can(fresh, Action.VIEW, world.lucknow)
