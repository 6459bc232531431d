-- Shelter staff bound to one shelter (backend/src/checkins/shelter-staff.ts): a shelter-staff account sees
-- and acts for the shelter an operator admin assigned it to, and nothing else; an account without a row here
-- is refused by the shelter routes. One shelter per account: a volunteer moving to another shelter is
-- reassigned (the row replaced, audited).
CREATE TABLE shelter_staff_assignments (
  account_id uuid PRIMARY KEY REFERENCES operator_accounts (id),
  shelter_id text NOT NULL REFERENCES shelters (id),
  assigned_by text NOT NULL,
  assigned_at timestamptz NOT NULL
);
CREATE INDEX shelter_staff_assignments_shelter ON shelter_staff_assignments (shelter_id);
