// SPDX-License-Identifier: GPL-2.0
// mctp-slab: the kernel's slab use, per cache, as "CACHE BYTES" lines
// (objects in use x slab object size), measured so that what is counted
// is what is in use. Freed objects are not all back in their caches at
// any moment: KASAN holds them in its quarantine (to catch use after
// free), the per-CPU slabs hold some, and RCU-deferred frees are still
// pending. So: reclaimable dentries and inodes are dropped, every cache is
// shrunk (which empties its part of the quarantine and flushes the per-CPU
// slabs), and after half a second (RCU-deferred frees land) each cache is
// shrunk again and its count read at once, before anything running
// alongside frees more into the quarantine. Every file is opened before
// the first shrink: an open allocates too.
//
// Left out: kmemleak_object and debug_objects_cache, the debugging
// bookkeeping of every other object (freed late, through RCU and a work
// item); a leak shows in the leaking object's own cache.
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "mctpxx/error.hpp"
#include "mctpxx/fd.hpp"

namespace {

using mctpxx::Fd;
constexpr const char *kDir = "/sys/kernel/slab";

struct Cache {
	std::string name;
	Fd shrink, objects;
	unsigned long long size = 0; // slab_size: the object with its metadata
};

int die(const std::string &msg)
{
	std::fprintf(stderr, "mctp-slab: %s\n", msg.c_str());
	return 1;
}

std::string read_at(int fd)
{
	char buf[256];
	const ssize_t n = ::pread(fd, buf, sizeof(buf) - 1, 0);
	return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

Fd open_attr(const std::string &cache, const char *attr, int flags)
{
	const std::string path = std::string(kDir) + "/" + cache + "/" + attr;
	return Fd(::open(path.c_str(), flags | O_CLOEXEC));
}

// Every cache (a directory; its aliases are symlinks to it), named by its
// first alias when the directory's own name is a merged cache's ":..."
std::vector<Cache> open_caches()
{
	std::vector<Cache> out;
	std::map<std::string, std::string> alias; // directory -> first alias
	DIR *d = ::opendir(kDir);
	if (!d)
		return out;
	std::vector<std::string> dirs;
	while (dirent *e = ::readdir(d)) {
		if (e->d_name[0] == '.')
			continue;
		if (e->d_type == DT_DIR) {
			dirs.push_back(e->d_name);
			continue;
		}
		char target[256];
		const std::string link = std::string(kDir) + "/" + e->d_name;
		const ssize_t n = ::readlink(link.c_str(), target, sizeof(target) - 1);
		if (e->d_type == DT_LNK && n > 0) {
			std::string t(target, static_cast<std::size_t>(n));
			t = t.substr(t.rfind('/') + 1);
			auto it = alias.find(t);
			if (it == alias.end() || e->d_name < it->second)
				alias[t] = e->d_name;
		}
	}
	::closedir(d);
	for (const auto &dir : dirs) {
		if (dir == "kmemleak_object" || dir == "debug_objects_cache")
			continue;
		Cache c;
		c.name = dir[0] == ':' && alias.count(dir) ? alias[dir] : dir;
		c.shrink = open_attr(dir, "shrink", O_WRONLY);
		c.objects = open_attr(dir, "objects", O_RDONLY);
		Fd size = open_attr(dir, "slab_size", O_RDONLY);
		if (!c.shrink || !c.objects || !size)
			continue;
		c.size = std::strtoull(read_at(size.get()).c_str(), nullptr, 10);
		out.push_back(std::move(c));
	}
	return out;
}

void shrink(const Cache &c)
{
	(void)!::pwrite(c.shrink.get(), "1", 1, 0);
}

} // namespace

int main()
{
	Fd drop(::open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC));
	if (!drop)
		return die(mctpxx::Error::last("/proc/sys/vm/drop_caches").message);
	auto caches = open_caches();
	if (caches.empty())
		return die(std::string("no caches in ") + kDir);
	::sync();
	if (::pwrite(drop.get(), "2", 1, 0) != 1)
		return die(mctpxx::Error::last("drop_caches").message);
	for (const auto &c : caches)
		shrink(c);
	std::this_thread::sleep_for(std::chrono::milliseconds(500));
	std::vector<unsigned long long> in_use;
	in_use.reserve(caches.size());
	for (const auto &c : caches) {
		shrink(c);
		in_use.push_back(std::strtoull(read_at(c.objects.get()).c_str(), nullptr, 10));
	}
	for (std::size_t i = 0; i < caches.size(); i++)
		std::printf("%s %llu\n", caches[i].name.c_str(), in_use[i] * caches[i].size);
	return 0;
}
