from tests.conftest import login


def test_home_greets_signed_in_person_in_french(client, personas):
    login(client, personas.representative)
    response = client.get("/")
    assert response.status_code == 200
    assert "Bonjour" in response.content.decode() or "Hello" in response.content.decode()
