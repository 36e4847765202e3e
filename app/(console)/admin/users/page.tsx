import type { Metadata } from 'next';
import { formatUtc } from '@/lib/format';
import { AddUserForm } from '@/components/admin/add-user-form';
import { UserControls } from '@/components/admin/user-controls';
import { Section } from '@/components/ui/card';
import { Table, TableHead, Td } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/session';
import { USER_ADMIN_ROLES } from '@/lib/users/roles';
import { listUsers } from '@/lib/users/store';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const admin = await requireRole(USER_ADMIN_ROLES);
  const users = await listUsers();

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Users</h1>
      <Section title="Accounts" id="accounts-heading">
        <Table aria-labelledby="accounts-heading">
          <TableHead columns={['Email', 'Name', 'Role', 'Status', 'Changes']} />
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <Td className="font-medium">{user.email}</Td>
                <Td>{user.name ?? '—'}</Td>
                <Td>{user.role}</Td>
                <Td>
                  {user.status === 'active' ? 'Active' : 'Disabled'}
                  {user.password_expires_at ? (
                    <span className="block text-xs text-slate-600 dark:text-slate-300">{`One-time password until ${formatUtc(user.password_expires_at)}`}</span>
                  ) : null}
                </Td>
                <Td>
                  <UserControls user={{ id: user.id, email: user.email, role: user.role, status: user.status }} isSelf={user.id === admin.id} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>
      <Section title="Add user" id="add-user-heading">
        <AddUserForm />
      </Section>
    </div>
  );
}
