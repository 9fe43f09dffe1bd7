-- The console's overview summed every call of the month from audit_records, four times a visit (by route, by model,
-- the errors, the days): 2.3 s at 302,989 records on Derby, and the audit only grows. The writer now adds each batch
-- to these sums in the batch's own transaction (HourlyRollup), and the overview reads them: a month is at most 744
-- hours of a few lines each, whatever the traffic. Council reviews' conclusions are not calls and are not counted.
-- An hour is the stored wall-clock time cut to the hour (what JDBC writes for an instant is the JVM's local time).
CREATE TABLE audit_hourly (
    hour_start TIMESTAMP        NOT NULL,
    route_key  VARCHAR(200)     NOT NULL,
    model_key  VARCHAR(300)     NOT NULL,
    requests   BIGINT           NOT NULL,
    errors     BIGINT           NOT NULL,
    cost_usd   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (hour_start, route_key, model_key)
);

-- The records already there, summed the same way (HourlyRollup.routeLine, modelLine, hourOf).
INSERT INTO audit_hourly (hour_start, route_key, model_key, requests, errors, cost_usd)
SELECT hour_start, route_key, model_key, COUNT(*), SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END), SUM(cost_usd)
FROM (SELECT {fn TIMESTAMPADD(SQL_TSI_HOUR, HOUR(created_at),
                 TIMESTAMP(CAST(created_at AS DATE), TIME('00:00:00')))} AS hour_start,
             CASE WHEN endpoint = 'council' THEN 'council reviews' ELSE COALESCE(route, '(refused)') END AS route_key,
             COALESCE(served_model, '(none)') AS model_key, status, cost_usd
      FROM audit_records WHERE endpoint <> 'council-review') calls
GROUP BY hour_start, route_key, model_key;
