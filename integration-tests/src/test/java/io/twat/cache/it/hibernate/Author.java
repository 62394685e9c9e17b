/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.it.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** An author, cached, with a cached collection of books. Not thread-safe (an entity). */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Author {
  @Id
  private long id;
  private String name;
  @OneToMany(mappedBy = "author")
  @OrderBy("id")
  @Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
  private List<Book> books = new ArrayList<>();

  /** For Hibernate. */
  protected Author() {
  }

  /** An author without books. */
  public Author(long id, String name) {
    this.id = id;
    this.name = name;
  }

  /** Returns a new book by this author, added to the author's books. */
  public Book write(long bookId, String isbn, String title) {
    Book book = new Book(bookId, isbn, title, this);
    books.add(book);
    return book;
  }

  public String getName() {
    return name;
  }

  public List<Book> getBooks() {
    return books;
  }
}
