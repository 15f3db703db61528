-- Indexes for a million requests (issue 16). A queue page reads each (service, status) pair's most
-- urgent in order, so a long queue is never sorted whole; the dashboard counts the overdue ones
-- among those still with the provider from the index alone, both deadlines in it.
CREATE INDEX requests_service_queue ON requests (provider, service, status, step_deadline_at);
DROP INDEX requests_queue;
CREATE INDEX requests_queue ON requests (provider, status, step_deadline_at, deadline_at);
