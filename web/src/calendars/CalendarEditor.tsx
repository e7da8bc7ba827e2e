import { ActionIcon, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { timeZones, weekdayLabel, weekdays, weeklyMinutes, type CalendarDefinition, type Holiday, type Period, type Weekday } from './calendar-form';
import { normaliseTime, periodText } from './calendar-time';

export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h}h ${m}m` : `${h}h`;
}

/**
 * A time of day, typed as 24-hour HH:mm and tidied when the field is left (`9` → `09:00`). Not
 * the browser's time input, which shows "9:00 AM" or seconds by the browser's habit, not ours.
 */
function TimeInput({ label, value, error, readOnly, placeholder, onChange }: { label: string; value: string; error?: string; readOnly: boolean; placeholder: string; onChange(value: string): void }) {
  return (
    <TextInput aria-label={label} w={130} inputMode="numeric" autoComplete="off" placeholder={placeholder} value={value} readOnly={readOnly} error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={(e) => {
        const tidy = normaliseTime(e.currentTarget.value);
        if (tidy && tidy !== e.currentTarget.value) onChange(tidy);
      }} />
  );
}

interface EditorProps {
  value: CalendarDefinition;
  onChange(next: CalendarDefinition): void;
  errors: Record<string, string>;
  readOnly: boolean;
}

/** The definition of a calendar: name, zone, the working week and the holidays. */
export function CalendarEditor({ value, onChange, errors, readOnly }: EditorProps) {
  const setDay = (day: Weekday, periods: Period[]) => onChange({ ...value, workingHours: { ...value.workingHours, [day]: periods } });
  const setHolidays = (holidays: Holiday[]) => onChange({ ...value, holidays });
  return (
    <Stack>
      <Group grow align="flex-start">
        <TextInput label="Name" withAsterisk value={value.name} error={errors.name} readOnly={readOnly} onChange={(e) => onChange({ ...value, name: e.currentTarget.value })} />
        <Select label="Time zone" withAsterisk searchable data={timeZones(value.timeZone)} value={value.timeZone} error={errors.timeZone} readOnly={readOnly}
          onChange={(zone) => onChange({ ...value, timeZone: zone ?? '' })} comboboxProps={{ withinPortal: true }} />
      </Group>

      <Paper withBorder p="md" component="section" aria-labelledby="week-heading">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="week-heading">Working week</Title>
          <Text size="sm" c="dimmed">{formatMinutes(weeklyMinutes(value.workingHours))} a week</Text>
        </Group>
        <Text size="sm" c="dimmed" mb="xs">Times in 24-hour HH:mm on the clocks of {value.timeZone || "the calendar's time zone"}; 24:00 ends a day.</Text>
        <Table>
          <Table.Tbody>
            {weekdays.map((day) => {
              const periods = value.workingHours[day] ?? [];
              return (
                <Table.Tr key={day}>
                  <Table.Th scope="row" w={130}>{weekdayLabel[day]}</Table.Th>
                  <Table.Td>
                    <Stack gap={6}>
                      {periods.length === 0 ? <Text size="sm" c="dimmed">Not worked</Text> : null}
                      {periods.map((p, i) => (
                        <Group key={i} gap="xs" align="flex-start">
                          <TimeInput label={`${weekdayLabel[day]} period ${i + 1} start`} placeholder="HH:mm, e.g. 09:00" value={p.start} readOnly={readOnly}
                            error={errors[`workingHours.${day}[${i}].start`]} onChange={(start) => setDay(day, periods.map((x, j) => (j === i ? { ...x, start } : x)))} />
                          <Text pt={6}>to</Text>
                          <TimeInput label={`${weekdayLabel[day]} period ${i + 1} end`} placeholder="HH:mm, 24:00 at midnight" value={p.end} readOnly={readOnly}
                            error={errors[`workingHours.${day}[${i}].end`]} onChange={(end) => setDay(day, periods.map((x, j) => (j === i ? { ...x, end } : x)))} />
                          {!readOnly ? (
                            <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove ${weekdayLabel[day]} period ${i + 1}`} onClick={() => setDay(day, periods.filter((_, j) => j !== i))}>×</ActionIcon>
                          ) : null}
                        </Group>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td w={150}>
                    {!readOnly ? (
                      <Button size="xs" variant="light" aria-label={`Add period on ${weekdayLabel[day]}`}
                        onClick={() => setDay(day, [...periods, periods.length ? { start: '13:00', end: '17:30' } : { start: '09:00', end: '17:30' }])}>
                        Add period
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="holidays-heading">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="holidays-heading">Holidays</Title>
          {!readOnly ? <Button size="xs" variant="light" onClick={() => setHolidays([...value.holidays, { date: '', name: '' }])}>Add holiday</Button> : null}
        </Group>
        {value.holidays.length === 0 ? <Text size="sm" c="dimmed">No holidays: every working day counts.</Text> : null}
        <Stack gap={6}>
          {value.holidays.map((h, i) => (
            <Group key={i} gap="xs" align="flex-start">
              <TextInput aria-label={`Holiday ${i + 1} date`} type="date" w={170} value={h.date} readOnly={readOnly} error={errors[`holidays[${i}].date`]}
                onChange={(e) => setHolidays(value.holidays.map((x, j) => (j === i ? { ...x, date: e.currentTarget.value } : x)))} />
              <TextInput aria-label={`Holiday ${i + 1} name`} placeholder="e.g. Christmas Day" style={{ flex: 1 }} value={h.name ?? ''} readOnly={readOnly}
                onChange={(e) => setHolidays(value.holidays.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)))} />
              {h.closed?.length ? <Text size="sm" pt={6}>Closed {h.closed.map(periodText).join(', ')}</Text> : <Text size="sm" pt={6} c="dimmed">Whole day</Text>}
              {!readOnly ? <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove holiday ${i + 1}`} onClick={() => setHolidays(value.holidays.filter((_, j) => j !== i))}>×</ActionIcon> : null}
            </Group>
          ))}
        </Stack>
        {value.holidays.some((h) => h.closed?.length) ? (
          <Text size="xs" c="dimmed" mt="xs">Part-day closures are kept as they are; change them through the API.</Text>
        ) : null}
      </Paper>
    </Stack>
  );
}
