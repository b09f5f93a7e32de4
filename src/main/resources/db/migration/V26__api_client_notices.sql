-- Every node keeps the API clients it has checked keys of in memory (clients.ApiKeyCache): any change of a client
-- but the minute-precise last use (a revocation, a rotation, new scopes or budgets), by the admin API or by hand,
-- tells every node through NOTIFY when it commits, and they drop their copies.
CREATE FUNCTION notify_api_clients_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('open311_api_clients', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER api_clients_removed AFTER DELETE OR TRUNCATE ON api_clients
    FOR EACH STATEMENT EXECUTE FUNCTION notify_api_clients_changed();

CREATE TRIGGER api_clients_changed AFTER UPDATE ON api_clients
    FOR EACH ROW WHEN ((to_jsonb(OLD) - 'last_used_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_used_at'))
    EXECUTE FUNCTION notify_api_clients_changed();
