import { packageFileContent, packageFilePath, UnmappableError } from '@forgegate/core';
import { realUpdate, updateEvent } from '@forgegate/testkit';

/** The first build of a real update object, as the parser types it. */
function realBuild(alias: string) {
  const event = updateEvent({
    action: 'edit',
    sentAt: '2023-12-01T00:00:00Z',
    update: realUpdate(alias),
  });
  const build = event.update.builds[0];
  if (!build) throw new Error(`${alias} has no build`);
  return { build, contentType: event.update.contentType };
}

describe('core/rules/package-file', () => {
  it.each<[string, string, string]>([
    ['FEDORA-2023-bb021a4854', 'rpms/t/thunderbird', 'rpms/thunderbird'],
    ['FEDORA-2023-bd14c83780', 'rpms/k/kernel', 'rpms/kernel'],
    ['FEDORA-CONTAINER-2019-8b04b1c212', 'containers/g/golang', 'containers/golang'],
    ['FEDORA-FLATPAK-2023-91f636af1c', 'flatpaks/f/firefox', 'flatpaks/firefox'],
    // A module is filed under name-stream: streams of one module live side by side.
    ['FEDORA-MODULAR-2023-5b8a7bde59', 'modules/m/mysql-8.0', 'modules/mysql-8.0'],
  ])('files %s at %s (flat: %s)', (alias, sharded, flat) => {
    const { build, contentType } = realBuild(alias);
    expect(packageFilePath(build, contentType, 'sharded')).toBe(sharded);
    expect(packageFilePath(build, contentType, 'flat')).toBe(flat);
  });

  it('keeps every name field but the last two, and shards by the lowercase first letter', () => {
    const build = { nvr: 'kernel-headers-6.6.2-101.fc38', epoch: 0, type: 'rpm' };
    expect(packageFilePath(build, 'rpm', 'sharded')).toBe('rpms/k/kernel-headers');
    const upper = { nvr: 'PackageKit-1.2.8-1.fc38', epoch: 0, type: 'rpm' };
    expect(packageFilePath(upper, 'rpm', 'sharded')).toBe('rpms/p/PackageKit');
  });

  it('writes nvr first, and the epoch only when it is not 0', () => {
    expect(packageFileContent(realBuild('FEDORA-2023-bb021a4854').build)).toBe(
      'nvr: thunderbird-115.5.0-1.fc38\n',
    );
    expect(packageFileContent({ nvr: 'bash-5.2.26-3.fc41', epoch: 2, type: 'rpm' })).toBe(
      'nvr: bash-5.2.26-3.fc41\nepoch: 2\n',
    );
  });

  it('refuses what is not an NVR or not a known content type, naming it', () => {
    const rpm = { nvr: 'thunderbird-115.5.0-1.fc38', epoch: 0, type: 'rpm' };
    expect(() => packageFilePath(rpm, 'iso', 'sharded')).toThrow(
      new UnmappableError('content_type "iso" has no package folder'),
    );
    expect(() => packageFilePath({ ...rpm, nvr: 'thunderbird-115' }, 'rpm', 'sharded')).toThrow(
      'build nvr "thunderbird-115" is not name-version-release',
    );
    expect(() => packageFilePath({ ...rpm, nvr: '../../x-1-1' }, 'rpm', 'sharded')).toThrow(
      'has characters an NVR cannot have',
    );
  });
});
