// SPDX-License-Identifier: GPL-2.0
// Coroutines for the daemon's event loop.
//
// Task<T> is a lazily started coroutine: it runs when awaited and resumes
// its awaiter when done. Scope owns top-level tasks: spawn() starts one,
// a finished one is freed, and destroying the Scope destroys every task
// still suspended in it, with its awaited sub-tasks: the event sources
// they wait on are released by their destructors, so cancellation is
// plain destruction. A task must not destroy the Scope it runs in.
#pragma once

#include <coroutine>
#include <exception>
#include <functional>
#include <optional>
#include <set>
#include <utility>

namespace mctpxx::ctrld {

template <typename T>
class Task;

namespace detail {

struct PromiseBase {
	std::coroutine_handle<> continuation;
	std::exception_ptr error;
	// Set on top-level tasks: called when the task finishes. It may
	// destroy the coroutine.
	std::function<void(std::coroutine_handle<>, std::exception_ptr)> on_done;

	struct FinalAwaiter {
		bool await_ready() noexcept { return false; }
		template <typename P>
		std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept
		{
			auto &p = h.promise();
			if (p.continuation)
				return p.continuation;
			if (p.on_done) {
				auto done = std::move(p.on_done);
				done(h, p.error);
			}
			return std::noop_coroutine();
		}
		void await_resume() noexcept {}
	};

	std::suspend_always initial_suspend() noexcept { return {}; }
	FinalAwaiter final_suspend() noexcept { return {}; }
	void unhandled_exception() noexcept { error = std::current_exception(); }
};

template <typename Promise>
class TaskBase {
public:
	TaskBase(TaskBase &&o) noexcept : h_(std::exchange(o.h_, nullptr)) {}
	TaskBase &operator=(TaskBase &&o) noexcept
	{
		if (this != &o) {
			if (h_)
				h_.destroy();
			h_ = std::exchange(o.h_, nullptr);
		}
		return *this;
	}
	TaskBase(const TaskBase &) = delete;
	TaskBase &operator=(const TaskBase &) = delete;
	~TaskBase()
	{
		if (h_)
			h_.destroy();
	}

	bool await_ready() const noexcept { return !h_ || h_.done(); }
	std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiter) noexcept
	{
		h_.promise().continuation = awaiter;
		return h_;
	}

	// Hands the coroutine over (to a Scope).
	std::coroutine_handle<Promise> release() { return std::exchange(h_, nullptr); }

protected:
	explicit TaskBase(std::coroutine_handle<Promise> h) : h_(h) {}
	void rethrow() const
	{
		if (h_.promise().error)
			std::rethrow_exception(h_.promise().error);
	}
	std::coroutine_handle<Promise> h_;
};

template <typename T>
struct Promise : PromiseBase {
	std::optional<T> value;
	Task<T> get_return_object();
	template <typename U>
	void return_value(U &&v)
	{
		value.emplace(std::forward<U>(v));
	}
};

template <>
struct Promise<void> : PromiseBase {
	Task<void> get_return_object();
	void return_void() noexcept {}
};

} // namespace detail

template <typename T>
class [[nodiscard]] Task : public detail::TaskBase<detail::Promise<T>> {
public:
	using promise_type = detail::Promise<T>;
	explicit Task(std::coroutine_handle<promise_type> h) : detail::TaskBase<promise_type>(h) {}
	T await_resume()
	{
		this->rethrow();
		return std::move(*this->h_.promise().value);
	}
};

template <>
class [[nodiscard]] Task<void> : public detail::TaskBase<detail::Promise<void>> {
public:
	using promise_type = detail::Promise<void>;
	explicit Task(std::coroutine_handle<promise_type> h) : detail::TaskBase<promise_type>(h) {}
	void await_resume() { this->rethrow(); }
};

namespace detail {
template <typename T>
Task<T> Promise<T>::get_return_object()
{
	return Task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Task<void> Promise<void>::get_return_object()
{
	return Task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}
} // namespace detail

class Scope {
public:
	// Called with the exception of a task that ended with one.
	using ErrorHandler = std::function<void(std::exception_ptr)>;

	explicit Scope(ErrorHandler on_error = {}) : on_error_(std::move(on_error)) {}
	Scope(const Scope &) = delete;
	Scope &operator=(const Scope &) = delete;
	~Scope() { clear(); }

	// Destroys every task still in the scope (cancels them).
	void clear()
	{
		auto tasks = std::move(tasks_);
		tasks_.clear();
		for (void *a : tasks)
			std::coroutine_handle<>::from_address(a).destroy();
	}

	// Starts @t; it runs until its first suspension before this returns.
	void spawn(Task<void> t)
	{
		auto h = t.release();
		if (!h)
			return;
		tasks_.insert(h.address());
		h.promise().on_done = [this](std::coroutine_handle<> done, std::exception_ptr e) {
			tasks_.erase(done.address());
			done.destroy();
			if (e && on_error_)
				on_error_(e);
		};
		h.resume();
	}

	std::size_t size() const { return tasks_.size(); }

private:
	std::set<void *> tasks_;
	ErrorHandler on_error_;
};

} // namespace mctpxx::ctrld
