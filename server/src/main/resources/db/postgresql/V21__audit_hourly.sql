-- The same table and sums as db/V21__audit_hourly.sql; PostgreSQL cuts a timestamp to its hour with date_trunc.
CREATE TABLE audit_hourly (
    hour_start TIMESTAMP        NOT NULL,
    route_key  VARCHAR(200)     NOT NULL,
    model_key  VARCHAR(300)     NOT NULL,
    requests   BIGINT           NOT NULL,
    errors     BIGINT           NOT NULL,
    cost_usd   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (hour_start, route_key, model_key)
);

INSERT INTO audit_hourly (hour_start, route_key, model_key, requests, errors, cost_usd)
SELECT date_trunc('hour', created_at),
       CASE WHEN endpoint = 'council' THEN 'council reviews' ELSE COALESCE(route, '(refused)') END,
       COALESCE(served_model, '(none)'), COUNT(*), SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END), SUM(cost_usd)
FROM audit_records WHERE endpoint <> 'council-review'
GROUP BY 1, 2, 3;
