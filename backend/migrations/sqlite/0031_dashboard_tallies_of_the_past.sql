-- The tallies of what happened before they were kept, in shard 0: each step finished is an event
-- paired with the one before it for the same request (the one that entered the step), as the
-- dashboard used to pair them on every look; in a status now is what the requests table says.
INSERT INTO status_tallies (provider, status, shard, entered, exited, late, seconds)
SELECT provider, status, 0, SUM(now_in) + SUM(exited), SUM(exited), SUM(late), SUM(seconds)
FROM (
    SELECT provider, status, 1 AS now_in, 0 AS exited, 0 AS late, 0 AS seconds
    FROM requests WHERE status <> 'draft'
    UNION ALL
    SELECT r.provider, e.step, 0, 1,
        CASE WHEN e.step_deadline_at IS NOT NULL AND e.at > e.step_deadline_at THEN 1 ELSE 0 END,
        e.at - e.since
    FROM (
        SELECT request_id, at,
            LAG(to_status) OVER by_request AS step,
            LAG(at) OVER by_request AS since,
            LAG(step_deadline_at) OVER by_request AS step_deadline_at
        FROM request_events
        WINDOW by_request AS (PARTITION BY request_id ORDER BY id)
    ) e JOIN requests r ON r.id = e.request_id
    WHERE e.step IS NOT NULL
) moves
GROUP BY provider, status;

INSERT INTO survey_tallies (provider, service, result, information, shard, answers)
SELECT provider, service, result, information, 0, COUNT(*)
FROM survey_answers GROUP BY provider, service, result, information;
